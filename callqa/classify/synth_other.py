"""Information, voicemail, no_conversation and wrong_number scenarios (see ``synth.py``)."""

from __future__ import annotations

from callqa.classify.synth_lang import AGENT, CUSTOMER, Conv
from callqa.classify.synth_registry import having, scenario

INFO = having("info")
SPECIALIST_DEPTS = ("bank", "insurance", "auto_dealer", "telecom", "medical", "utilities", "legal")


def _info_pair(c: Conv) -> tuple[str, str]:
    return c.pick(c.ind.info)


def _hours(c: Conv) -> None:
    c.u("{hi}, <what are your hours|what time do you close|are you open> <today|on Saturday|this weekend|tomorrow>?",
        "<Yeah, hi,|Hi,> <quick question,|> <how late are you open|when do you open> <today|on Sundays|>?")
    c.a("<We're open|Our hours are> <eight to five|nine to six|seven a.m. to seven p.m.|10 to 8> <Monday through Friday|during the week|every day>"
        "<, and Saturday <nine to one|ten to four>|, closed Sundays|>.")


def _directions(c: Conv) -> None:
    c.u("<Where exactly are you located?|What's your address?|How do I find you?> <I'm coming from the highway.|Is there parking?|>")
    c.a("<We're at|The address is> {street}<, next to the bank|, across from the Target|, in the plaza behind the gas station|>. <Parking is in the back.|There's a lot right out front.|>")


# ---------------------------------------------------------------- information

@scenario("information/hours/resolved", "information", resolution="resolved")
def _(c: Conv) -> None:
    c.greet()
    _hours(c)
    c.u("<Okay, perfect|Great|Okay>, {thanks}.", "<Oh good|Alright>, <that's all I needed|that's all>.")
    if c.chance(0.5):
        c.a("<You're welcome|No problem>, <have a good day|see you soon|bye>.")


@scenario("information/directions/resolved", "information", resolution="resolved")
def _(c: Conv) -> None:
    c.greet()
    _directions(c)
    if c.chance(0.5):
        c.u("<Is that the building with the blue sign?|So I turn left after the light?>")
        c.a("<That's it|Yep, right after the light|Exactly>.")
    c.u("<Okay, got it|Perfect|Alright>, {thanks}.")
    c.close()


@scenario("information/trade_question/resolved", "information", resolution="resolved", industries=INFO)
def _(c: Conv) -> None:
    q, a = _info_pair(c)
    c.greet()
    c.u("{hi}, <I just had a quick question,|I was wondering,|quick question,> {q}?", "{hi}, {q}?", q=q)
    c.a("<Yes,|Good question,|Sure,|> {a}.", a=a)
    if c.chance(0.4):
        c.u("<Oh, okay. And|And> <what are your hours|where are you located>?")
        c.a(c.pick(("We're open eight to six on weekdays.", "We're at {street}.", "Nine to five, Monday to Saturday.")))
    c.u("<Great, that's what I needed to know|Okay, good to know|Perfect>, {thanks}.")
    c.close()


@scenario("information/several_questions/resolved", "information", resolution="resolved", industries=INFO)
def _(c: Conv) -> None:
    c.greet()
    pairs = list(c.ind.info)
    c.rng.shuffle(pairs)
    c.u("{hi}, I have a <couple of|few> questions<, if you have a minute|>.")
    c.a("<Sure|Of course|Go ahead>.")
    for q, a in pairs[: c.rng.randint(2, 3)]:
        c.u("<So,|And|Okay, and> {q}?", q=q)
        c.a("{a}.", a=a)
    if c.chance(0.6):
        _hours(c)
    c.u("<Okay, that answers everything|Great, that's all|That's super helpful>, {thanks}.")
    c.close()


@scenario("information/agent_will_email/follow_up", "information", resolution="follow_up", industries=INFO,
          note="the answer is promised later: information + follow_up")
def _(c: Conv) -> None:
    q, _ = _info_pair(c)
    c.greet()
    c.u("{hi}, {q}? <I couldn't find it on your website.|>", q=q)
    c.a("<That's a good question, I'm not sure.|I don't want to give you the wrong answer.|Hmm, I'd have to check on that.> <Let me find out and|I'll check with my manager and> <email you|get back to you|call you back> <today|by tomorrow>.")
    c.u("<Sure|Okay|That works>.")
    c.take_contact(c.pick(("email", "phone")))
    c.a("<I'll get back to you by end of day|You'll hear from me by tomorrow>.")
    c.close()


@scenario("information/agent_does_not_know/unresolved", "information", resolution="unresolved", industries=INFO,
          note="the question goes unanswered and nothing is promised")
def _(c: Conv) -> None:
    q, _ = _info_pair(c)
    c.greet()
    c.u("{hi}, {q}?", q=q)
    c.a("<Hmm, I'm honestly not sure.|I don't know, sorry.|I'm new here, I don't know that one.> <You could check our website.|Maybe try calling back tomorrow when the manager's in.|>")
    c.u("<Okay. Well, thanks anyway.|Oh. Okay.|Alright, I'll figure it out.>")
    c.close(mood="flat")


@scenario("information/transferred_department/resolved", "information", resolution="resolved", escalated=True,
          industries=tuple(k for k in SPECIALIST_DEPTS if k in INFO),
          note="handed to another department that answers: escalated")
def _(c: Conv) -> None:
    q, a = _info_pair(c)
    c.greet()
    c.u("{hi}, {q}?", q=q)
    c.a("<That's a question for|You'll want to talk to|Someone else handles that,> <our specialist team|the service department|another department|our specialists>.")
    c.transfer(c.pick(("our specialist team", "the service department", "our specialists", "the right department")))
    c.u("<Yes,|Yeah,|Hi,> {q}?", q=q)
    c.a("<Yes,|Sure,> {a}.", a=a)
    c.u("<Great|Okay|Perfect>, {thanks}.")
    c.close()


@scenario("information/offered_transfer_answered/resolved", "information", resolution="resolved", industries=INFO,
          note="agent offers a transfer, then answers herself: NOT escalated")
def _(c: Conv) -> None:
    q, a = _info_pair(c)
    c.greet()
    c.u("{hi}, {q}?", q=q)
    if c.chance(0.5):
        c.a("<I can transfer you to someone who knows more|Do you want me to transfer you to a specialist?|I could transfer you to the department>... <actually, never mind, I know this one.|actually, hold on, I can answer that.|oh wait, I remember.> {a}.", a=a)
    else:
        c.offer_transfer(c.pick(("our specialist team", "the service department", "someone who knows more")))
        c.a("<Actually, I can answer that.|Oh wait, I know this.|Let me check here... okay.> {a}.", a=a)
    c.u("<Oh, perfect|Great, no need to transfer then|Okay, thanks>.")
    c.close()


# ---------------------------------------------------------------- voicemail

_BUSINESS_MAILBOX = (
    "You've reached {company}. Our office is currently closed. Please leave your name, number and a brief message, and we'll return your call the next business day.",
    "Thank you for calling {company}. We're unable to take your call right now. Please leave a message after the tone.",
    "Hi, you've reached {company}. All of our team members are helping other customers. Leave a message and we'll call you back as soon as possible.",
)
_PERSONAL_MAILBOX = (
    "Hi, you've reached {cfirst}. I can't come to the phone right now, leave a message and I'll call you back.",
    "Hey, it's {cfirst}, leave a message.",
    "The person you are trying to reach is not available. At the tone, please record your message. When you are finished, you may hang up.",
    "You have reached the voicemail of {phone}. Please leave a message after the tone.",
)


@scenario("voicemail/after_hours_customer_message/left", "voicemail",
          note="a real caller leaving a message on the business mailbox: voicemail and legit")
def _(c: Conv) -> None:
    c.rec(AGENT, *_BUSINESS_MAILBOX)
    if c.chance(0.3):
        c.rec(AGENT, "To leave a message, stay on the line.", "Please record your message after the tone.")
    c.pause(0.5, 2.5)
    reason = c.pick((
        "I'd like to make an appointment for {service}",
        "I had a question about my bill",
        "I wanted to get a quote",
        "I'm calling about my order",
        "I think I left my jacket there yesterday",
        "I need to reschedule",
    ))
    c.u("<Hi|Hey|Hello>, this is {cfirst} {clast}, " + reason + ". <Can you|Please> call me back at {phone}<? Thanks.|. Thank you, bye.|, thanks.>",
        "<Yeah hi,|Hi,> um, it's {cfirst}, " + reason + ", <my number is|you can reach me at> {phone}. <Bye.|Thanks.>")


@scenario("voicemail/outbound_agent_message/left", "voicemail")
def _(c: Conv) -> None:
    c.rec(CUSTOMER, *_PERSONAL_MAILBOX)
    c.pause(0.5, 2)
    reason = c.pick((
        "I'm calling to confirm your {visit} {day} at {time}",
        "I'm following up on the quote you asked for",
        "I have a question about your account, nothing urgent",
        "your order is ready for pickup",
        "I'm returning your call from earlier",
    ))
    c.a("<Hi|Hey|Good morning> {cfirst}, this is {agent} <from|with|calling from> {company}. " + reason
        + ". <Give us a call back at {phone}|Please call us back when you get a chance>. <Thanks, bye.|Have a great day.|Thank you.>")


@scenario("voicemail/existing_customer_problem/left", "voicemail",
          industries=having("troubles"), note="a support problem left on a mailbox is voicemail, not support")
def _(c: Conv) -> None:
    t = c.pick(c.ind.troubles)
    c.rec(AGENT, *_BUSINESS_MAILBOX)
    c.pause(0.5, 2)
    c.u("<Hi|Yeah, hi>, this is {cfirst} {clast}, <I'm a customer and|my account is under {clast}, and> {p}. <This is the second time I've called.|It's pretty urgent.|> Please call me back at {phone}.", p=t.problem)


@scenario("voicemail/mailbox_no_message/hangup", "voicemail",
          note="the call reached a mailbox and nobody spoke: still voicemail")
def _(c: Conv) -> None:
    side = c.pick((AGENT, CUSTOMER))
    c.rec(side, *(_BUSINESS_MAILBOX if side == AGENT else _PERSONAL_MAILBOX))
    c.pause(2, 8)


@scenario("voicemail/mailbox_full/none", "voicemail")
def _(c: Conv) -> None:
    c.rec(CUSTOMER, "The mailbox is full and cannot accept any messages at this time. Goodbye.",
          "The voice mailbox you have reached is full. Please try again later.",
          "The subscriber you have dialed has a voice mailbox that has not been set up yet. Goodbye.")


# ---------------------------------------------------------------- no_conversation

@scenario("no_conversation/dead_air/legit", "no_conversation",
          note="nobody answers the agent: no human exchange")
def _(c: Conv) -> None:
    c.greet()
    c.pause(2, 6)
    c.a("Hello?", "Hi, can you hear me?", "Hello, {company}?")
    c.pause(2, 6)
    c.a("<Hello? I can't hear you.|Hello? Anybody there?|Hello?>")
    if c.chance(0.6):
        c.pause(2, 5)
        c.a("<If you can hear me, please call back. Goodbye.|I'm going to disconnect. Please call again.|Okay, I'm hanging up now.>")


@scenario("no_conversation/immediate_hangup/legit", "no_conversation")
def _(c: Conv) -> None:
    c.greet()
    c.pause(0.3, 2)
    c.a("<Hello?|Hi?>")


@scenario("no_conversation/bad_connection/legit", "no_conversation")
def _(c: Conv) -> None:
    c.greet()
    c.u("<Hi, I'm calling about|Hey, yeah, I wanted to|Hello? Can you>", "Hello? Hello?")
    c.a("<Sorry, you're breaking up.|I'm sorry, I can't hear you.|You're cutting out.> <Can you repeat that?|Hello?>")
    c.u("<Can you hear me now?|Hello?|I can barely hear you.>")
    c.a("<I'm sorry, the connection is really bad. Please call back.|I can't make that out, please try calling back.>")


@scenario("no_conversation/ivr_abandon/legit", "no_conversation",
          note="the business's own phone menu says 'press 1': not spam")
def _(c: Conv) -> None:
    c.rec(AGENT, "Thank you for calling {company}. <For sales, press 1.|To schedule an appointment, press 1.> <For billing, press 2.|For service, press 2.> <For all other questions, press 3.|To repeat this menu, press 9.|For our hours and location, press 4.>",
          "Welcome to {company}. If you know your party's extension, you may dial it at any time. <For customer service, press 1.|For the front desk, press 0.>")
    c.pause(1, 6)
    if c.chance(0.5):
        c.rec(AGENT, "I'm sorry, I didn't get that. <Please try again.|>", "All of our representatives are busy. Please stay on the line, your call is important to us.")


@scenario("no_conversation/number_not_in_service/legit", "no_conversation")
def _(c: Conv) -> None:
    c.rec(CUSTOMER, "We're sorry, the number you have dialed is not in service. Please check the number and dial again.",
          "The number you have reached has been disconnected or is no longer in service.",
          "Your call cannot be completed as dialed. Please check the number and try again.")


# ---------------------------------------------------------------- wrong_number

@scenario("wrong_number/asked_for_person/inbound", "wrong_number")
def _(c: Conv) -> None:
    c.greet()
    c.u("<Hi, is|Yeah, is|Hello, can I talk to> <Maria|Jerome|Mrs. Johnson|Tony|Grandma> <there|home>?")
    c.a("<I think you have the wrong number, this is|Sorry, there's no one by that name here, this is|No, this is> {company}.")
    c.u("<Oh, sorry|Oops, sorry about that|Oh, my mistake>. <Wrong number.|I must have dialed wrong.|>")
    if c.chance(0.5):
        c.a("<No problem|That's okay>, <have a good day|bye>.")


@scenario("wrong_number/wrong_business/inbound", "wrong_number")
def _(c: Conv) -> None:
    other = c.pick(("the pharmacy", "the pizza place", "the DMV", "Doctor Reynolds' office", "the high school", "the bank on Fifth"))
    c.greet()
    c.u("{hi}, is this {other}?", "<Yeah, hi,|Hi,> I'm trying to reach {other}<, I need to ask about a prescription|, I wanted to place an order|>.", other=other)
    c.a("<No, sorry, this is|I think you have the wrong number, this is> {company}.<| A lot of people mix us up, their number is one digit off.>")
    c.u("<Oh, sorry about that|Oops, my bad|Oh, I'm sorry>. <Thanks.|Bye.|>")


@scenario("wrong_number/outbound_wrong_person/legit", "wrong_number")
def _(c: Conv) -> None:
    c.u("Hello?", "Yeah?", "Hello, who's this?")
    c.a("<Hi, may I speak with|Hi, is this> {cfirst} {clast}?", "Hi, I'm looking for {cfirst}?")
    c.u("<No, you have the wrong number.|There's no {cfirst} here.|I think you've got the wrong number.> <I just got this number last month.|>")
    c.a("<Oh, I'm sorry to bother you|Sorry about that|My apologies>. <I'll update our records.|Have a good day.|>")
    if c.chance(0.5):
        c.u("<No problem|Okay, bye>.")


@scenario("wrong_number/confused_caller_other_company/inbound", "wrong_number",
          note="support-sounding words, but for another company: wrong_number")
def _(c: Conv) -> None:
    problem = c.pick(("my cable has been out since last night", "I want to dispute a charge on my credit card",
                      "my prescription wasn't ready when I came in", "I need to cancel my gym membership"))
    c.greet()
    c.u("{hi}, {p}<, and I need someone to fix it|, can you help me|>.", p=problem)
    c.a("<I'm sorry, I think you have the wrong number.|Hmm, I think you might have the wrong company.> <This is {company}.|We're {company}.> <You might want to call the number on your bill.|>")
    c.u("<Oh! Sorry.|Oh my gosh, I'm sorry.|Oh. Okay, sorry.> <I must have grabbed the wrong number.|>")
    if c.chance(0.5):
        c.a("<No problem, good luck|No worries, have a good one>.")


# ---------------------------------------------------------------- more information, voicemail, no_conversation, wrong_number

@scenario("information/job_inquiry/resolved", "information", resolution="resolved",
          note="not a customer, but a real caller with a real question: legit information")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I <wanted to ask|was wondering> if you're hiring<, I saw a sign in the window|, my friend works there|>?",
        "{hi}, are you guys <hiring|taking applications> right now?")
    c.a("<We are,|Yes, we are,> <you can apply on our website under careers|just drop off a resume at the front desk|we're looking for part-time help, apply online>.",
        "<Not right now, but|Unfortunately not at the moment, but> <check our website, we post openings there|you can leave a resume and we'll keep it on file>.")
    c.u("<Okay, thank you|Great, I'll do that|Perfect, thanks so much>.")
    if c.chance(0.5):
        c.a("<Good luck!|No problem, have a good one.>")


@scenario("information/payment_methods/resolved", "information", resolution="resolved")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <do you take|can I pay with> <Apple Pay|American Express|checks|cash|Venmo>?")
    c.a("<We do|Yes, we take that|We take all major cards and Apple Pay, but no checks|Cash or card, but not Venmo, sorry>.")
    c.u("<Okay, perfect|Alright, good to know|Great>, {thanks}.")


@scenario("information/free_estimate_policy/resolved", "information", resolution="resolved",
          industries=("roofing", "hvac", "plumbing", "pest_control", "moving", "auto_repair", "legal"),
          note="a general policy question with no stated need or intent: information")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <just a general question,|quick question,> do you charge <for estimates|to come out and look|for the first visit|for a consultation>?")
    c.a("<No, estimates are always free.|There's a small trip charge, but it's waived if you hire us.|The first consultation is free.>")
    if c.chance(0.5):
        c.u("<And how far out are you booking?|Do you work weekends?>")
        c.a("<About a week right now.|We do Saturdays, not Sundays.>")
    c.u("<Okay, good to know|Great, thanks|Alright>, {thanks}.")
    c.close()


@scenario("information/was_that_call_from_you/resolved", "information", resolution="resolved",
          industries=("bank", "utilities", "telecom", "insurance", "isp", "saas"),
          note="a customer asking about a scam call: legit, though it mentions scam words")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I just got a call from someone saying they were from {company}, <they said my account was suspended|they said my service would be disconnected today|they wanted me to press 1 and give my card number>. Was that you?")
    c.a("<No, that wasn't us.|That's a scam, unfortunately.|We would never call and ask for that.> <We never ask for card numbers over the phone.|Please don't press anything or give them information.|We've had a lot of reports of that this week.>")
    c.u("<Okay, that's what I thought|Good, I hung up on them|Oh, thank god>. {thanks}.")
    c.a("<Thanks for checking with us.|You did the right thing calling us.>")
    c.close()


@scenario("information/delivery_driver/resolved", "information", resolution="resolved",
          note="a vendor's driver asking for directions: legit information")
def _(c: Conv) -> None:
    c.greet()
    c.u("<Hey, this is|Hi, I'm> the <delivery driver|driver from the supply company|UPS driver>, I've got a <delivery|package|pallet> for you. <Which door do I use?|Is there a loading dock?|Where do I bring it?>")
    c.a("<Come around the back, there's a door with a bell.|Just bring it to the front desk.|Pull around to the side, I'll meet you there.>")
    c.u("<Got it, be there in five|Okay, thanks|Perfect>.")


@scenario("voicemail/message_cut_off/left", "voicemail")
def _(c: Conv) -> None:
    c.rec(AGENT, *_BUSINESS_MAILBOX)
    c.pause(0.5, 2)
    c.u("<Hi, it's|Hey, this is> {cfirst} {clast}, I'm calling about <my appointment|the estimate|my account|the order I placed>, and <I wanted to ask if|I was wondering whether> <we could|you could> <move it to|maybe do it on> {day}, <because|since> my <work schedule|husband's schedule> changed and")
    c.rec(AGENT, "If you are satisfied with your message, press 1. To re-record, press 2.", "Message saved. Goodbye.",
          "Your message has been recorded. Goodbye.")


@scenario("voicemail/menu_then_message/left", "voicemail",
          note="the business's own menu says 'press 1', then a real message: legit voicemail")
def _(c: Conv) -> None:
    c.rec(AGENT, "Thank you for calling {company}. Our office is closed. To leave a message for our staff, press 1. For emergencies, press 2.",
          "You've reached {company} after hours. Press 1 to leave a message. Press 9 to repeat this menu.")
    c.pause(1, 4)
    c.rec(AGENT, "Please leave your message after the tone.", "Record your message at the tone.")
    c.pause(0.5, 2)
    c.u("<Hi|Good morning>, this is {cfirst} {clast}, <I need to|I'd like to> <schedule {service}|ask about my bill|get a quote>. My number is {phone}. <Thanks.|Thank you, bye.|Talk soon.>")


@scenario("voicemail/outbound_returning_call/left", "voicemail")
def _(c: Conv) -> None:
    c.rec(CUSTOMER, *_PERSONAL_MAILBOX)
    c.pause(0.5, 2)
    c.a("<Hi|Hello> {cfirst}, it's {agent} <at|with> {company}, returning your call <from this morning|from yesterday|about your {visit}>. <I'm here until five today|You can reach me directly at {phone}|Call us back whenever you get this>. <Thanks!|Take care.|Bye.>")


@scenario("no_conversation/pocket_dial/legit", "no_conversation",
          note="voices in the background but no exchange with the agent: no_conversation")
def _(c: Conv) -> None:
    c.greet()
    c.pause(1, 3)
    c.u("<...yeah, I told him we'd be there by six...|...no, the other one, the blue one...|...hold on, where are my keys...|...turn left up here...>")
    c.a("Hello? <Can you hear me?|Hello?|Hi, this is {company}?>")
    c.pause(1, 4)
    c.u("<...I don't know, ask your dad...|...okay, see you later...|...what time is it...>")
    c.a("<I think this is a pocket dial. I'm going to hang up.|Hello? Okay, I'm disconnecting.|Hello?>")


@scenario("no_conversation/caller_hangs_up_on_hold/legit", "no_conversation",
          note="caller gone before anyone helped: no_conversation")
def _(c: Conv) -> None:
    c.rec(AGENT, "Thank you for calling {company}. All of our representatives are currently assisting other customers. Please stay on the line and your call will be answered in the order it was received.",
          "Thanks for calling {company}. Your call is important to us. The estimated wait time is <four|six|more than ten> minutes.")
    c.pause(10, 60)
    c.rec(AGENT, "Thank you for your patience. Please continue to hold.", "We appreciate your patience. Someone will be with you shortly.")


@scenario("wrong_number/previous_business/inbound", "wrong_number")
def _(c: Conv) -> None:
    old = c.pick(("Joe's Auto", "the old dry cleaner", "Doctor Chen's office", "the pizza place that used to be here", "Sunshine Daycare"))
    c.greet()
    c.u("{hi}, is this {old}?", "<Hi, I'm trying to reach|Hello, I'm calling for> {old}<, is it still open|>?", old=old)
    c.a("<No, they <closed|moved> <a couple years ago|last year>, we have their old number.|Sorry, this is {company} now, they're not here anymore.>")
    c.u("<Oh, really? Okay, sorry to bother you.|Oh, I didn't know. Thanks.|Oh, okay. Bye.>")


@scenario("wrong_number/outbound_reassigned_number/apology", "wrong_number")
def _(c: Conv) -> None:
    c.u("<Hello?|Yeah?|Hello, who is this?>")
    c.a("Hi, this is {agent} with {company}, I'm calling for {cfirst} <about <an appointment|an estimate|an account>|>?")
    c.u("<There's nobody here by that name.|I think you have the wrong number, this is a <business|cell phone>.|Wrong number, I've had this number for years.>")
    c.a("<Oh, I'm so sorry. I'll remove this number.|My apologies, I'll update our records.|Sorry to bother you.>")


@scenario("information/vendor_confirms_delivery/resolved", "information", resolution="resolved",
          industries=("dental", "medical", "restaurant", "auto_repair", "salon", "hvac", "plumbing", "retail", "veterinary"),
          note="a real supplier calling about a real order: legit, unlike the supply-order telemarketing pretext")
def _(c: Conv) -> None:
    c.greet()
    c.u("<Hi, this is|Hey, it's> <Mike|Dana|Rick|Tasha> from <the supply company|your produce supplier|the parts warehouse|the linen service>, <just calling to confirm your delivery <tomorrow|{day}>|your order came in and I wanted to confirm the address>.")
    c.a("<Oh, great.|Perfect, thanks.|Okay.> <What time should we expect it?|Is it the same order as last week?|Is everything in stock?>")
    c.u("<Between eight and ten in the morning.|Same as last week, plus the extra case you asked for.|Everything but one item, that's on back order until next week.>")
    c.a("<Sounds good, someone will be here.|Perfect, thanks for letting us know.|Okay, just use the back door.>")
    c.u("<Great, have a good one.|You got it, thanks.>")


@scenario("wrong_number/similar_company_name/inbound", "wrong_number",
          note="a caller who wanted a similarly named business: wrong_number")
def _(c: Conv) -> None:
    company = c.slots["company"]
    first_word = company.split()[0]
    other = c.pick((f"{first_word} Realty", f"{first_word} Pharmacy", f"{first_word} Storage", f"{first_word} Insurance Group",
                    f"{first_word} Auto Body"))
    if other.split()[1] in company:
        other = f"{first_word} Dry Cleaners"
    c.greet()
    c.u("{hi}, is this {other}? I'm calling about <my unit|my prescription|my policy|my car|my order>.", other=other)
    c.a("<No, this is {company}.|Sorry, you've got {company}, not {other}.|No, we get that a lot, this is {company}.>", other=other)
    c.u("<Oh! Sorry.|Oops, sorry about that.|Oh, I must've clicked the wrong one on Google.>")
    if c.chance(0.5):
        c.a("<No problem, I think they're on Fifth Street.|No worries, have a good one.>")


@scenario("wrong_number/other_location/inbound", "wrong_number", industries=("restaurant", "retail", "telecom", "auto_repair", "bank", "salon"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, is this the <downtown|north side|mall|airport> location? <I'm trying to reach the one on Fifth.|I have an order at the other store.|I'm looking for Jessica at the other branch.>")
    c.a("<No, this is the {city} location, you'll want to call them directly.|You have the {city} store, sorry, the other location has a different number.|No, this is {city}.> <Do you want their number?|It's on our website.|>")
    c.u("<Oh, okay, sorry.|Yeah, what is it?|Ah, my mistake, thanks.>")
    if c.chance(0.5):
        c.a("<It's {phone}.|Sure, it's {phone}.>")
        c.u("<Thanks, bye.|Got it, thank you.>")


@scenario("voicemail/direct_line_message/left", "voicemail")
def _(c: Conv) -> None:
    c.rec(AGENT, "Hi, you've reached {agent} at {company}. I'm either on the phone or away from my desk. Leave me a message and I'll get back to you.",
          "This is {agent} with {company}. Sorry I missed you, please leave a message.")
    c.pause(0.5, 2)
    c.u("<Hey {agent}|Hi {agent}>, it's {cfirst} {clast}. <I got your message about|Just following up on|Calling back about> <the estimate|my account|the paperwork|the appointment>. <Give me a call when you can|Call me back>, <I'm at|my cell is> {phone}. <Thanks.|Bye.>")


@scenario("voicemail/outbound_payment_reminder/left", "voicemail",
          industries=("utilities", "dental", "medical", "veterinary", "telecom", "isp", "insurance"))
def _(c: Conv) -> None:
    c.rec(CUSTOMER, *_PERSONAL_MAILBOX)
    c.pause(0.5, 2)
    c.a("<Hi|Hello>, this message is for {cfirst} {clast}. This is {agent} <from|with> {company} <calling about your account|with a reminder about a balance on your account>. <Please give us a call back at {phone}|You can pay online or call us at {phone}>. <Thank you.|Have a good day.>")


@scenario("information/escalated_question/follow_up", "information", resolution="follow_up", escalated=True,
          industries=INFO, note="a question passed up to a manager who will answer later: escalated, follow_up")
def _(c: Conv) -> None:
    q, _ = _info_pair(c)
    c.greet()
    c.u("{hi}, {q}? <It's for a big event.|I need to know before I decide anything.|>", q=q)
    c.a("<I'm honestly not sure, and I don't want to guess.|That's a question for my manager.|I'd need someone above me to answer that.>")
    c.escalate_promise(c.pick(("my manager", "the owner", "our general manager", "the office manager")))
    c.take_contact("name", "phone")
    c.close()


@scenario("information/redirect_elsewhere/unresolved", "information", resolution="unresolved", industries=INFO,
          note="'we don't handle that, try someone else': the question is not answered here")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <do you know|can you tell me> <if my <warranty|insurance> covers <this|that>|how to file a claim with the manufacturer|what the recall on my model is about>?")
    c.a("<We don't handle that here,|That's not something we deal with,|I wouldn't know that,> <you'd have to call the manufacturer|you'd need to ask your insurance company|maybe try their website>.")
    c.u("<Oh. Okay.|Alright, I'll try that.|Hmm, they told me to call you.>")
    c.a("<Sorry I can't help more.|Sorry about that.>")
    c.close(mood="flat")
