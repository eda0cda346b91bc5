"""Support scenarios: existing customers' service requests with every resolution and
escalation combination, including the SPEC §3 hard cases (see ``synth.py``)."""

from __future__ import annotations

from callqa.classify.synth_industries import Trouble
from callqa.classify.synth_lang import Conv
from callqa.classify.synth_registry import having, scenario

TROUBLE = having("troubles")
FIELD = having("visit_problems")
BILLED = ("telecom", "isp", "saas", "bank", "insurance", "utilities", "dental", "medical", "veterinary",
          "hvac", "pest_control", "retail", "legal")
PORTALS = ("telecom", "isp", "saas", "bank", "insurance", "utilities", "retail", "medical", "dental", "veterinary")
ORDERS = ("retail", "furniture", "florist", "telecom", "hvac")
CANCELLABLE = ("telecom", "isp", "saas", "insurance", "pest_control", "hvac", "bank")
APPOINTMENTS = having("services")
TIER2 = ("our tier 2 team", "tier two support", "our advanced support team", "a senior technician", "our technical specialists",
         "the engineering team", "the escalations team", "a specialist")
BOSSES = ("supervisor", "manager", "team lead", "manager on duty")
# Things a customer owns that can break, per industry (warranty scenarios).
OWNED = {"retail": ("TV", "laptop", "dishwasher", "tablet"), "furniture": ("recliner", "sofa", "mattress"),
         "hvac": ("AC unit", "furnace", "thermostat"), "telecom": ("phone", "tablet", "hotspot"),
         "auto_repair": ("battery you put in", "alternator you replaced"), "auto_dealer": ("car", "truck", "navigation screen")}
DEPTS = ("our billing department", "the claims department", "accounts receivable", "customer care", "the accounts team")


# ---------------------------------------------------------------- shared pieces

def _trouble(c: Conv) -> Trouble:
    return c.pick(c.ind.troubles)


def _open_trouble(c: Conv, t: Trouble) -> None:
    c.greet()
    c.u("{hi}, <yeah,|um,|> {problem}.", "{hi}, I'm <having a problem|having an issue>, {problem}.",
        "<Yes, hi.|Hi.> <So|Um> {problem}<, and I've already tried turning it off and on|, it started yesterday|>.",
        problem=t.problem)
    if c.chance(0.5):
        c.a("<Oh no|I'm sorry to hear that|That's frustrating|Okay, I can help with that>. ")
    if c.chance(0.35):
        c.narrate()
    c.verify()
    if c.chance(0.3):
        c.smalltalk()
    c.a("<Okay,|Alright,|So> {q}", "<Let me ask you this,|First question,> {q}", q=t.check_q)
    c.u("{a}.", "<Um,|Let me look,|Hang on.> {a}.", a=t.check_a)
    c.extras()


def _try_fix(c: Conv, t: Trouble, *, works: bool, second: bool = False) -> None:
    """One fix attempt and its result; ``second`` is a generic further attempt."""
    if second:
        c.a("<Okay, let me try one more thing on my end.|Let me reset it from my side.|Okay, one more thing, I'm going to push a refresh from here.>",
            "<Hmm. Let's try something else.|Okay, plan B.> <Let me reset a couple of things on my side.|I'm going to reset it from here.>")
        c.pause(5, 30)
        c.a("<Try it now.|How about now?|Can you check again?|Anything now?>")
    elif t.agent_side:
        c.a("<Okay,|Alright,|So> {fix}.", "<Let me see here.|Okay, I think I see it.> {fix}.", fix=t.fix)
        c.u("<Okay, hang on|One sec|Okay, let me try|Alright>.")
        c.pause(5, 40)
    else:
        c.a("<Okay, let's try this.|Let's try something.|Okay, can you do something for me?> <Can you|I need you to|Go ahead and> {fix}.",
            "<Alright,|Okay,> {fix}<, and tell me what happens|, and let me know|>.", fix=t.fix)
        c.u("<Okay, hang on|One sec|Okay, doing it now|Alright>.")
        c.pause(5, 40)
    if works:
        c.confirm_fixed(t.works if c.chance(0.75) else "")
    else:
        c.u("{r}.", "<Hmm, no,|Nope,|No, sorry,> {r}.", r=t.fails)


def _second_failure(c: Conv) -> None:
    c.a("<Hmm. Okay, let's try one more thing.|Let me try resetting it from my end.|Okay, I'm going to try something on my side.>")
    c.pause(5, 30)
    c.a("<Anything now?|How about now?|Try it again now?>")
    c.u("<No, still the same|Nope|Nothing, same thing|It's still not working>.")


def _billing_open(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm looking at my <bill|statement|credit card statement> and <I got charged twice|you charged me twice> <this month|for the same thing>.",
        "{hi}, <there's a charge on my account I don't recognize|my bill is way higher than normal>, <it's like|almost> {small_price} more.",
        "<Yeah, hi,|Hi,> I was <double billed|charged twice> for my <last payment|monthly payment>.")
    if c.chance(0.3):
        c.narrate()
    c.verify()
    c.a("<Let me take a look.|Let me pull up your billing.|Okay, let me see what happened.>")
    if c.chance(0.5):
        c.hold()


def _demand_manager(c: Conv) -> None:
    c.u("<This is ridiculous.|I've called three times about this.|I'm so done with this.> <I want to talk to a manager.|Let me speak to your supervisor.|Get me a manager, please.|Can I talk to someone above you?>")


# ---------------------------------------------------------------- remote troubleshooting

@scenario("support/password_reset/resolved", "support", resolution="resolved", industries=PORTALS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I can't <log in|get into my account|sign in> <to the {portal}|online>, it keeps saying <my password is wrong|invalid password|account locked>.",
        "{hi}, I'm locked out of my {portal}<, I think I typed the password wrong too many times|>.")
    c.verify()
    c.a("<Okay, I see it's locked.|I see the account got locked after too many attempts.|Okay.> I'm <sending|going to send> a reset link to {email}.")
    if c.chance(0.4):
        c.u("<Oh, that's my old email.|I don't use that email anymore.>")
        c.a("<No problem,|Okay,> <what's the new one?|let me update it.>")
        c.take_contact("email")
    c.u("<Okay, I got it|Got the email|Okay, it came through>.")
    c.pause(3, 25)
    c.u("<Okay, I reset it, and I'm in|Alright, I'm logged in now|That worked, I'm in>.",
        "<Yep|Okay>, <it let me in|I'm in>. {thanks}.")
    c.a("<Great|Perfect|Awesome>. <Make sure to save the new password.|>")
    c.close()


@scenario("support/troubleshoot/resolved_by_customer", "support", resolution="resolved", industries=TROUBLE,
          note="only the customer says it works now; the agent never says resolved")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    failed_first = c.chance(0.3)
    if failed_first:
        _try_fix(c, t, works=False)
    _try_fix(c, t, works=True, second=failed_first)
    if c.chance(0.5):
        c.a("<Oh good.|Great.|Perfect.> <If it happens again just give us a call.|>")
    c.close()


@scenario("support/troubleshoot/unresolved_thanks_anyway", "support", resolution="unresolved", industries=TROUBLE,
          note="customer says thanks but the problem is not fixed and nothing is planned")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    _second_failure(c)
    if c.chance(0.5):
        c.no_fix()
    else:
        c.a("<Hmm. I don't see anything wrong on our side,|Everything looks normal from here,> <so I'm not sure|I don't know> what else <to tell you|we can do>.")
    c.u("<Okay. Well, thanks anyway.|Alright, thanks for trying.|Okay, I'll just deal with it I guess. Thanks.|Thanks, I guess I'll try again later.>")
    c.a("<Sorry I couldn't be more help|I'm sorry about that>. <Have a good day.|Thanks for calling.>")
    if c.chance(0.5):
        c.u("<Yeah. Bye.|Bye.>")


@scenario("support/troubleshoot/failed_anything_else", "support", resolution="unresolved", industries=TROUBLE,
          note="agent asks 'anything else' after failing: still unresolved")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    if c.chance(0.6):
        _second_failure(c)
    if c.chance(0.5):
        c.no_fix()
    else:
        c.a("<Okay, well, I'm sorry about that.|Sorry, that's the only fix I have for that.|Unfortunately that's all I can try today.>")
    c.close(mood=c.pick(("flat", "angry", "ok")), ask_more=True)


@scenario("support/troubleshoot/escalated_tier2_followup", "support", resolution="follow_up", escalated=True,
          industries=TROUBLE, note="agent promises to escalate to tier 2 who will follow up: escalated, follow_up")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    if c.chance(0.5):
        _second_failure(c)
    c.escalate_promise(c.pick(TIER2))
    c.u("<Okay|Alright|Fine>, <thanks|so I just wait?|how long will that take?>.")
    c.a("<They usually call within a day|It should be within {days}|You'll get an email when they pick it up>.")
    c.close(mood=c.pick(("ok", "flat")))


@scenario("support/troubleshoot/tier2_transfer_resolved", "support", resolution="resolved", escalated=True,
          industries=TROUBLE, note="transferred to tier 2 during the call, fixed there: resolved and escalated")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    c.transfer(c.pick(TIER2))
    c.a("<Let me try something on the back end.|Give me one second.|Let me look at your account from my side.>")
    c.pause(5, 40)
    c.a("<Okay, I pushed a fix to your account|I reset it on our end|I found the problem on our side and fixed it>. <Try it now.|Can you check again?>")
    c.confirm_fixed(t.works if c.chance(0.5) else "")
    c.close()


@scenario("support/troubleshoot/offered_transfer_self_solved", "support", resolution="resolved",
          industries=TROUBLE, note="agent offers a transfer but solves it herself: NOT escalated")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    failed_first = c.chance(0.5)
    if failed_first:
        _try_fix(c, t, works=False)
    c.offer_transfer(c.pick(TIER2))
    _try_fix(c, t, works=True, second=failed_first)
    c.a("<Great, so no need to transfer you.|Oh good, glad we didn't need the transfer.|Perfect.>")
    c.close()


@scenario("support/troubleshoot/offered_transfer_accepted", "support", resolution="follow_up", escalated=True,
          industries=TROUBLE, note="agent offers a transfer, the caller accepts and is handed over: escalated, follow_up")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    dept = c.pick(TIER2)
    c.a("<Would you like me to|Do you want me to|I can> <transfer you|connect you|put you through> to {dept}<? They can dig deeper.|?| if you'd like.>",
        "<If you want,|Or> I can <transfer you|send you over> to {dept}<, they have more tools than I do|>. <Want me to do that?|Would that help?>",
        dept=dept)
    c.u("<Yes, please|Yeah, that would be great|Sure, go ahead|Please do|Yes, let's do that|Okay, sure>.")
    c.transfer(dept, intro=c.chance(0.5))


@scenario("support/troubleshoot/ticket_followup", "support", resolution="follow_up", industries=TROUBLE,
          note="a ticket opened and a follow-up promised by the same team: follow_up, not escalated")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    if c.chance(0.7):
        c.follow_up(c.pick(("ticket", "ticket", "callback")))
    else:
        c.a("<I'm going to document all this|Let me write this up> and <monitor your line|check the logs> <overnight|for the next day>. <I'll call you back tomorrow|We'll follow up with you> <with what I find|either way>.")
    c.u("<Okay|Alright|Okay, thanks>. <What's the number again?|Can you text me that?|So I just wait?>")
    c.a("<It's {ticket}|Sure, I'll text it to you|Yes, we'll reach out>.")
    c.close()


# ---------------------------------------------------------------- field service (existing customers)

@scenario("support/technician_visit/follow_up", "support", resolution="follow_up", industries=FIELD,
          note="a technician visit for an existing customer's problem: support + follow_up, not appointment_booked")
def _(c: Conv) -> None:
    problem, who = c.pick(c.ind.visit_problems)
    c.greet()
    c.u("{hi}, <you guys did some work for us and|I'm a customer and|> {problem}.", "{hi}, {problem}<, and I'm not happy about it|, can someone come look at it>?",
        problem=problem)
    c.a("<Oh, I'm sorry about that.|I'm sorry to hear that.|Okay, let's get that fixed.>")
    c.verify()
    if c.chance(0.4):
        c.a("<Can you describe what's happening?|When did it start?>")
        c.u("<It started {day2}|It's been like this since the weekend|It's been getting worse every day>.")
    if c.chance(0.3):
        c.follow_up("visit", who=who)
    else:
        c.a("<I'm going to send|We'll send|Let me get> {who} out <to take a look|to fix it|>. <Is {day} {window} okay?|I have {day} at {time}.>",
            "<I'm scheduling|I've scheduled> {who} for {day} {window}<, at no charge since it's under warranty|>.", who=who)
    c.u("<That works|Okay|Fine, as long as someone comes>.", "<Is there anything sooner?|Can it be earlier?>")
    if c.chance(0.3):
        c.a("<That's the soonest, but I'll put you on the cancellation list.|I'll note that you want the first cancellation.>")
    c.a("<You'll get a text when they're on the way|They'll call before they come|Someone needs to be home>.")
    c.close(mood=c.pick(("ok", "ok", "flat")))


@scenario("support/technician_no_show/follow_up", "support", resolution="follow_up", industries=FIELD,
          note="rebooking a missed service visit is still support follow_up")
def _(c: Conv) -> None:
    problem, who = c.pick(c.ind.visit_problems)
    c.greet()
    c.u("{hi}, someone was supposed to come out <today|this morning|{day2}> <and nobody showed up|and they never came>. <I took the day off for this.|I waited all day.>")
    c.verify()
    c.a("{sorry}. <I see the visit on the schedule|I see it here|I see what happened, the route ran late>.")
    if c.chance(0.5):
        c.hold()
    c.a("<I've put you first on the schedule|I rebooked you as the first stop> {day} {window}<, and I added a credit to your account|>.")
    c.u("<Okay. Please make sure they actually come this time.|Fine.|Alright, thank you.>")
    c.a("<I'll make a note on the order.|They'll call you when they're on the way.>")
    c.close(mood=c.pick(("ok", "flat")))


# ---------------------------------------------------------------- billing

@scenario("support/billing_double_charge/resolved", "support", resolution="resolved", industries=BILLED)
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I see it|You're right|I see what happened>, <the payment went through twice|it posted twice|there's a duplicate charge>. <I've reversed the second one|I just refunded the duplicate|I've credited it back>.",
        "<Okay, I see the duplicate.|Yeah, that's our mistake.> <I've gone ahead and voided it,|I've refunded it,> <you'll see it back on your card|it'll show up> in {days}.")
    if c.chance(0.4):
        c.done()
    c.u("<Oh, great|Okay, perfect|That's all I needed|Awesome>, {thanks}.")
    c.close()


@scenario("support/billing_dispute/follow_up", "support", resolution="follow_up", industries=BILLED)
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I can't reverse that from here, but|I don't have the ability to change that, but> I've <submitted a billing review|opened a dispute|sent it to our billing team for review>. <They'll email you|You'll get a letter|Someone will follow up> within {days}.",
        "I'm going to <file a review|open a case> on this, <the reference is|your case number is> {ticket}, and <billing will get back to you|you'll hear back> in {days}.")
    c.u("<Okay. And if it's wrong I get the money back?|Alright, I'll wait for that.|Okay, can you email me the case number?>")
    c.a("<Yes, any refund goes back to the original payment|Yes, you'll get a confirmation by email>.")
    c.close(mood=c.pick(("ok", "flat")))


@scenario("support/explain_bill/resolved", "support", resolution="resolved", industries=BILLED)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <my bill went up|why is my bill higher this month|I don't understand my bill>, it's {small_price} more than last month.")
    c.verify()
    c.a("<I see. So|Okay, it looks like|Let me explain,> <your promotional discount ended last month|there was a one-time fee for the visit|the rate changed on the first of the month>, <that's the difference|that's where that comes from>.")
    c.u("<Oh, okay, that makes sense|Ah, I forgot about that|Okay, got it, I didn't realize that>.")
    if c.chance(0.4):
        c.a("<It'll be back to normal next month.|You won't see that fee again.>")
    c.close()


@scenario("support/supervisor_approves_credit/resolved", "support", resolution="resolved", escalated=True,
          industries=BILLED, note="supervisor joins and approves: escalated, and the need is met in the call")
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I can't do a credit that big myself.|That's above what I can approve.|I need approval for that.>")
    boss = c.pick(BOSSES)
    c.transfer("my " + boss, person=boss)
    c.a("<I looked at your account, and|I reviewed it,|Okay, I see it.> <I've approved the full credit|I'm refunding the whole amount|I've credited it back>.")
    c.u("<Oh, thank you|Great, that's all I wanted|Thank you so much>.")
    c.close()


@scenario("support/refund_denied/unresolved", "support", resolution="unresolved", industries=BILLED)
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I'm sorry, but|Unfortunately,> <that charge is valid|that's the late fee from your contract|per our policy, we can't refund that>.")
    c.no_fix()
    c.u("<That's not fair.|Are you serious?|So I'm just stuck paying it?>")
    c.a("{sorry}, <it's in the terms you signed|that's our policy|I don't have a way to waive it>.")
    c.u("<Whatever.|Fine. Thanks for nothing.|Okay, thanks, I guess.>")
    c.close(mood=c.pick(("flat", "angry")))


@scenario("support/payment_arrangement/resolved", "support", resolution="resolved",
          industries=("utilities", "telecom", "isp", "medical", "dental", "bank", "insurance"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I <can't|won't be able to> pay the full bill this month<, I got laid off|, money's tight|>. Can I <set up|do> a payment plan?")
    c.verify()
    c.a("<Yes, we can do that.|Sure, let's see what we can do.> <I can split the balance over|We can spread it out over> <three|four|six> months, <so about|that's about> {small_price} extra a month.")
    c.u("<That would help a lot|Okay, I can do that|Yes, let's do that>.")
    c.a("<Okay, it's set up|Done, the arrangement is on your account|You're all set>. <Your service won't be affected.|No late fees as long as you make those payments.>")
    c.close()


# ---------------------------------------------------------------- escalation hard cases

@scenario("support/demand_manager_no_handover/resolved", "support", resolution="resolved",
          industries=BILLED, note="customer demands a manager, the agent fixes it herself: NOT escalated")
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I see the charge.|Okay, I see it.> <It looks like it's correct according to|That's from> <the plan change|the fee schedule>.")
    _demand_manager(c)
    c.a("<I understand, and I can get a supervisor if you want, but|I hear you.|Let me see what I can do first.> <Let me look one more time.|Give me one second.>")
    c.pause(5, 30)
    c.a("<Okay, I found it|Actually, you're right|I see what happened>, <the discount wasn't applied|it was a system error|that fee shouldn't be there>. <I've credited it back|I've removed it|I fixed it> <just now|>.")
    c.u("<Oh. Okay, thank you|Okay, that's all I wanted|Oh, great, sorry for yelling>.")
    c.close()


@scenario("support/demand_manager_refused/unresolved", "support", resolution="unresolved",
          industries=BILLED, note="customer demands a manager, none is handed over or promised: NOT escalated")
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I'm sorry, that charge is valid.|That fee is correct per the policy.|I can't remove that.>")
    _demand_manager(c)
    c.a("<There's no supervisor available right now.|My supervisor would tell you the same thing.|I'm sorry, there's nobody else I can transfer you to.>")
    c.u("<Unbelievable.|This is the worst service.|Forget it.> <I'm cancelling.|I'll call back.|Bye.>")
    if c.chance(0.5):
        c.a("<I'm sorry you feel that way.|I understand.>")


@scenario("support/supervisor_callback_promised/follow_up", "support", resolution="follow_up", escalated=True,
          industries=BILLED, note="agent promises a supervisor will call back: escalated and follow_up")
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<That's not something I can change.|I can't adjust that from here.>")
    _demand_manager(c)
    c.a("<My supervisor isn't available right now.|I understand.|I hear you.>")
    c.escalate_promise("my " + c.pick(BOSSES))
    c.u("<Fine. Make sure they do.|Okay. I'll be waiting.|Alright.>")
    c.a("<I've put it in the notes.|I've flagged it as urgent.> <Your reference number is {ticket}.|>")
    c.close(mood="flat")


@scenario("support/supervisor_cannot_help/unresolved", "support", resolution="unresolved", escalated=True,
          industries=BILLED, note="handed to a supervisor who cannot help: escalated and unresolved")
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<That charge is correct on our end.|I can't remove that fee.>")
    _demand_manager(c)
    boss = c.pick(BOSSES)
    c.transfer("my " + boss, person=boss)
    c.a("<I reviewed the account, and unfortunately|I'm sorry, but> <the charge stands|I can't waive it either|the policy doesn't allow it>.")
    if c.chance(0.5):
        c.no_fix()
    c.u("<Great. So nobody can help me.|Unbelievable.|Okay, whatever.>")
    c.close(mood="angry")


@scenario("support/transferred_to_department/follow_up", "support", resolution="follow_up", escalated=True,
          industries=BILLED, note="handed to another department at the end of the recording: escalated, waiting on them")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I have a question about <a charge on my account|my refund|a claim I filed|my last bill>.")
    c.verify()
    c.a("<That's handled by|You'll need to talk to|For that you want> <our billing department|the claims department|accounts receivable>.")
    c.transfer(c.pick(DEPTS), intro=False)


# ---------------------------------------------------------------- account and order service

@scenario("support/update_account/resolved", "support", resolution="resolved", industries=PORTALS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I <moved|just moved> and need to update my <address|mailing address>.", "{hi}, I need to change the <card on file|payment method on my account>.",
        "{hi}, can you update my phone number on the account?")
    c.verify()
    c.a("<Sure, what's the new one?|Okay, go ahead.|Of course.>")
    c.take_contact(c.pick(("address", "phone", "email")))
    c.a("<Okay, that's updated|Done, I've changed it|All set, it's updated on your account>.")
    c.close()


@scenario("support/order_status/resolved", "support", resolution="resolved", industries=ORDERS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm calling to check on my order, <I haven't gotten it yet|it was supposed to be here {day2}|I never got a tracking number>.")
    c.verify()
    c.a("<I see it here.|Let me look.> <It shipped yesterday|It's out for delivery today|It's on the truck>, <it should be there|you'll have it> <today by eight|{day}>. <I'll text you the tracking link.|>")
    c.u("<Oh, okay, great|Perfect, that's all I needed|Okay, thanks>.")
    c.close()


@scenario("support/order_missing/follow_up", "support", resolution="follow_up", industries=ORDERS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, my order says delivered but <I never got it|it's not here|there's nothing on my porch>.")
    c.verify()
    if c.chance(0.5):
        c.hold()
    c.a("{sorry}. <I've filed a claim with the carrier|I'm sending a replacement> and <you'll get it in|it'll ship out in> {days}. <I'll email you the new tracking number.|>")
    c.u("<Okay, thanks|Alright, I'll watch for it>.")
    c.close()


@scenario("support/replacement_shipped/follow_up", "support", resolution="follow_up",
          industries=("retail", "telecom", "isp", "hvac", "furniture"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, the <device|part|remote|router|item> I got <stopped working|is defective|arrived broken>.")
    c.verify()
    c.a("<It's still under warranty,|Since it's new,> <I'll send you a replacement|I'm shipping a new one out today>. <It'll arrive in {days}, with a return label for the old one.|>")
    c.u("<Okay, great|Thanks|Alright>.")
    c.close()


@scenario("support/cancel_retention_declined/resolved", "support", resolution="resolved", industries=CANCELLABLE,
          note="customer refuses a retention offer and the cancellation is done: support resolved, not not_interested")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I <want|need> to cancel my <service|account|plan|policy>.", "{hi}, I'm calling to cancel<, we're moving|, it's too expensive|>.")
    c.verify()
    c.a("<I'm sorry to see you go.|Can I ask why you're cancelling?|Before I do that, can I offer you something?> <I can give you|We could do> <three months at half price|{small_price} off for a year|a free upgrade>.")
    c.u("<No thanks, I just want to cancel|I'm not interested, please just cancel it|No, I've made up my mind>.")
    c.a("<Okay, I've processed the cancellation|Understood, it's cancelled|Done, your account is closed> <effective today|as of the end of the billing cycle>. <You'll get a confirmation email.|>")
    c.u("<Thank you|Okay, thanks|Great>.")
    c.close()


@scenario("support/cancel_via_retention_team/resolved", "support", resolution="resolved", escalated=True,
          industries=CANCELLABLE, note="transferred to the retention department, which completes the request: escalated")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I want to cancel my <account|service|plan>.")
    c.a("<Okay, cancellations are handled by another team.|I can't cancel from here, unfortunately.|>")
    c.transfer(c.pick(("our retention team", "the accounts department", "our loyalty department", "customer retention")))
    c.u("<Yes, please cancel it|Yeah, I'd like to cancel>.")
    c.verify()
    c.a("<Okay, that's done|It's cancelled effective today|I've processed the cancellation>.")
    c.close()


@scenario("support/agent_callback_promised/follow_up", "support", resolution="follow_up",
          industries=BILLED, note="a support callback is support + follow_up, NOT callback_requested")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I <sent in|submitted> <a form|my paperwork|a claim|a request> <last week|a while ago> and I haven't heard anything.",
        "{hi}, I'm calling about <a refund I was promised|my account, something's wrong with it|the claim on my account>.")
    c.verify()
    c.a("<I see it here but|I see your request, but> <it's still being reviewed|I need to check with the back office|I need to confirm a couple of things with billing>. <Let me look into it and call you back|I'll call you back> <tomorrow|this afternoon|by {day}>.")
    c.u("<Okay, what number will you call from?|Okay, please do.|Alright, my number is the one on file.>")
    c.a("<It'll come up as {company}|I'll call the number on the account>. <Talk to you then.|>")
    c.close()


@scenario("support/appointment_cancel/resolved", "support", resolution="resolved", industries=APPOINTMENTS,
          note="cancelling an existing appointment is a service request: support resolved")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need to cancel my {visit} <for {day}|tomorrow|this week>. <I'll call back when I know my schedule.|We're not going to need it anymore.|>")
    c.verify()
    c.a("<Okay, I've cancelled it|That's cancelled|Done, I've taken you off the schedule>. <There's no fee since it's more than 24 hours out.|>")
    c.u("<Great|Perfect|Okay>, {thanks}.")
    c.close()


@scenario("support/prescription_refill/follow_up", "support", resolution="follow_up", industries=("medical", "veterinary"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need a refill on <my blood pressure medication|the thyroid pills|my dog's arthritis medicine|the allergy prescription>.")
    c.verify()
    c.a("<I'll send a request to|I'm sending it over to> {staff} <for approval|to sign off>, <and it should be at your pharmacy|you can pick it up> <by tomorrow afternoon|in about 48 hours>.")
    c.u("<Okay, it's the CVS on Main|Okay, same pharmacy as before|Thanks>.")
    c.close()


@scenario("support/test_results/resolved", "support", resolution="resolved", industries=("medical", "veterinary"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm calling to get <my|my son's|my dog's> <lab results|blood work results|test results> from <last week|{day2}>.")
    c.verify()
    c.a("<I see them here.|Okay, the results are in.> {staff} <reviewed them and|looked at them and> <everything came back normal|it all looks good|no changes are needed>.")
    c.u("<Oh, good|Phew, okay|Great, that's a relief>, {thanks}.")
    c.close()


@scenario("support/travel_notice/resolved", "support", resolution="resolved", industries=("bank",))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm traveling <to Mexico|to Italy|overseas|to Canada> <next week|{day}> and want to make sure my card works.")
    c.verify()
    c.a("<I've added a travel notice|I've put a travel note on your card> <for those dates|through the end of the month>. <You're all set.|>")
    c.u("<Great|Perfect>, {thanks}.")
    c.close()


@scenario("support/long_hold_caller_gone/unresolved", "support", resolution="unresolved", industries=BILLED,
          note="the customer hangs up on hold; nothing was done")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I have a problem with my <account|bill|service>, <I was charged a late fee|my autopay didn't go through|my service was suspended>.")
    c.verify()
    c.a("<Let me put you on a brief hold|Can you hold for a minute|One moment please> while I <look into that|check with billing>.")
    c.u("<Okay|Sure>.")
    c.pause(90, 300)
    c.a("<Hello?|{cfirst}, are you still there?|Hi, thanks for holding, hello?> <Hello?|>")
    c.pause(3, 8)
    c.a("<It looks like we got disconnected.|I'm not hearing anything.|I'll disconnect now.>")


# ---------------------------------------------------------------- more service requests

ANY_ACCOUNT = tuple(sorted(set(BILLED) | set(PORTALS) | set(ORDERS)))


@scenario("support/balance_inquiry/resolved", "support", resolution="resolved",
          industries=("bank", "utilities", "telecom", "isp", "insurance", "dental", "medical", "veterinary"),
          note="an existing customer asking about their own account is support, not information")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I just wanted to check <my balance|how much I owe|when my next payment is due|if my last payment posted>.")
    c.verify()
    c.a("<Your current balance is|You owe|I see a balance of> {small_price}<, due on the {due}|, and your last payment posted on the fifth|>.", due=c.pick(("15th", "first", "21st")))
    c.u("<Okay, great|Perfect, that's all I needed|Okay, I'll pay that today>.")
    c.close()


@scenario("support/remove_from_mailing_list/resolved", "support", resolution="resolved", industries=ANY_ACCOUNT,
          note="a customer asking to be taken off a list: legit support, despite the spam-like words")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <can you take me off your mailing list?|I keep getting promotional texts, can you stop those?|please remove me from your marketing emails.> <I'm still a customer, I just don't want the ads.|I get like three a week.|>")
    c.verify()
    c.a("<Sure, I've opted you out|Done, you're removed from marketing|I've updated your preferences> <of texts and emails|of promotional mail|>. <It can take a week for the mailings to stop.|You'll still get bills and account notices.|>")
    c.u("<Great, thanks|Perfect|Thank you>.")
    c.close()


@scenario("support/complaint_apology_credit/resolved", "support", resolution="resolved", industries=ANY_ACCOUNT)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I want to complain about <the service I got last week|the person who came out|how long I waited|my last visit>. <He was rude.|It was a mess.|Nobody told me anything.>")
    c.verify()
    c.a("{sorry}. <That's not how we want anyone treated.|That's not our standard.> <I've put a credit of {small_price} on your account|I've refunded the service fee> <for the trouble|as an apology>, <and I'll share this with the team|>.")
    c.u("<Okay, thank you, I appreciate that|Alright, that's fair|Thanks, that helps>.")
    c.close()


@scenario("support/complaint_manager_callback/follow_up", "support", resolution="follow_up", escalated=True,
          industries=ANY_ACCOUNT, note="a complaint passed to a manager who will call back: escalated, follow_up")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need to file a complaint. <The person you sent out|Your employee|The last visit> <damaged my <floor|door|car>|was really unprofessional|left a mess>.")
    c.verify()
    c.a("{sorry}.")
    c.escalate_promise(c.pick(("our general manager", "my manager", "the operations manager", "the owner")))
    c.u("<Okay, I'll be waiting|Fine, please make sure someone calls|Alright>.")
    c.close(mood=c.pick(("ok", "flat")))


@scenario("support/known_outage/follow_up", "support", resolution="follow_up", industries=("isp", "telecom", "utilities"),
          note="an outage with a restoration time: waiting on something, follow_up")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <my|our> <internet|service|power|phone> <is out|went out <an hour ago|this morning>|isn't working at all>.")
    c.verify()
    c.a("<I see there's an outage in your area.|It looks like there's a known outage affecting your neighborhood.> <Crews are working on it,|Our technicians are on site,> <and the estimated restoration time is|it should be back by> <six p.m.|tonight around eight|within four hours>.")
    c.u("<Okay, will I get credited?|Okay, can you text me when it's back?|Ugh, okay.>")
    c.a("<You'll get a text when it's restored|I've signed you up for outage alerts>.")
    c.close(mood=c.pick(("ok", "flat")))


@scenario("support/outage_escalated_network_team/follow_up", "support", resolution="follow_up", escalated=True,
          industries=("isp", "telecom", "utilities"), note="escalated to another team: escalated, follow_up")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <this is the third time this week|it keeps happening,> my <internet|service|power> <keeps cutting out|went down again>.")
    c.verify()
    c.a("<I'm seeing repeated drops on your line.|I see a lot of outages on your account this month.>")
    c.escalate_promise(c.pick(("our network operations team", "the engineering team", "our outage team", "the field supervisor")))
    c.u("<Okay, thank you|Alright, I hope they fix it this time>.")
    c.close()


@scenario("support/records_request/follow_up", "support", resolution="follow_up",
          industries=("medical", "dental", "veterinary", "auto_repair", "legal"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need <a copy of my records|my <dog's|cat's> vaccine records|the service records for my car|a copy of my file> <sent to|for> <a new doctor|the boarding place|the dealership|my new lawyer>.")
    c.verify()
    c.a("<I can do that.|Sure.> <I'll need a signed release, I'll email you the form.|Just give me the fax number.> <Once we have it, they'll go out in|They'll be sent within> {days}.")
    c.u("<Okay, thanks|Great, I'll watch for the form|Perfect>.")
    c.close()


@scenario("support/case_status_paralegal_callback/follow_up", "support", resolution="follow_up", industries=("legal", "insurance"),
          note="an existing client's status question answered with a promised callback: support follow_up")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm <a client|calling about my case|calling about my claim> and I haven't heard anything in <a few weeks|a month|a while>. <What's going on with it?|Is there an update?>")
    c.verify()
    c.a("<I see your file.|Let me look.> <{staff} is in court today,|The handler is out this afternoon,> <but I'll have them call you back|but I'll make sure you get a call> <tomorrow|by {day}> with an update.")
    c.u("<Okay, please do|Alright, I'll wait for the call|Thank you>.")
    c.close()


@scenario("support/warranty_claim/follow_up", "support", resolution="follow_up",
          industries=("retail", "furniture", "hvac", "auto_dealer", "telecom"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <the|my> {item} <stopped working|broke|has a defect> and it's <only six months old|still under warranty|barely a year old>.",
        item=c.pick(OWNED[c.ind.key]))
    c.verify()
    c.a("<That should be covered.|It's under the manufacturer warranty.> <I've filed the warranty claim|I'm submitting a claim to the manufacturer>, <and they'll contact you|you'll hear from them> within {days}<, your claim number is {ticket}|>.")
    c.u("<Okay, thank you|Alright, what do I do until then?|Okay>.")
    c.close()


@scenario("support/restaurant_order_late/resolved", "support", resolution="resolved", industries=("restaurant",))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I ordered <delivery|a pizza|food> <an hour ago|about fifty minutes ago> and it's still not here.")
    c.a("<Let me check. What's the name on the order?|Can I get the phone number on the order?>")
    c.u("<It's|> {clast}.", "{phone}.")
    c.a("<I see it, the driver just left|It's on the way, the driver is about five minutes out|He's pulling up to your building now>. <I'm sorry about the wait, I took the delivery fee off.|Sorry, it's been a crazy night.>")
    c.u("<Okay, thanks|Oh, okay, great|Alright, thank you>.")
    if c.chance(0.5):
        c.pause(5, 20)
        c.u("<Oh, he's here actually.|Oh, there's the doorbell. Never mind, got it.>")
        c.a("<Perfect, enjoy!|Great, enjoy your meal.>")


@scenario("support/wrong_order_remake/follow_up", "support", resolution="follow_up", industries=("restaurant", "florist"),
          note="a remake sent out later: waiting on something, follow_up")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I just got my <order|delivery> and it's <wrong|not what I ordered|missing half the items>.")
    c.a("{sorry}. <What's the name on the order?|Can I get your name?>")
    c.u("{cfirst} {clast}.")
    c.a("<I'm remaking it right now|We'll redo it and send it out>, <it'll be there in about thirty minutes|the driver will bring it within the hour>, <no charge|and I refunded the delivery fee>.")
    c.u("<Okay, thank you|Alright, I'll wait>.")
    c.close()


@scenario("support/service_correction_visit/follow_up", "support", resolution="follow_up", industries=("salon", "auto_repair", "pest_control"),
          note="an unhappy existing customer booked back in to fix the work: support follow_up, not appointment_booked")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I was in <yesterday|on {day2}|last week> for {service} and <I'm not happy with it|it's not right|the problem's still there>.")
    c.verify()
    c.a("{sorry}. <We'll fix it at no charge.|We'll make it right, no charge.> <Can you come back|Can we get you back in> {day} at {time}<, with {staff}|>?")
    c.u("<Yes, that works|Okay, I can do that|Fine>.")
    c.a("<Okay, you're set, and it's on us|I've noted it's a redo, no charge>.")
    c.close()


# ---------------------------------------------------------------- more escalations and dead ends

@scenario("support/transfer_billing_resolved/resolved", "support", resolution="resolved", escalated=True, industries=BILLED,
          note="handed to another department that fixes it in the call: escalated, resolved")
def _(c: Conv) -> None:
    _billing_open(c)
    c.a("<I can see the charge, but I can't adjust it from here.|Billing adjustments are done by another team.|I don't have access to refunds.>")
    c.transfer(c.pick(DEPTS))
    c.verify()
    c.a("<I see the duplicate.|Okay, I see what happened.|You're right, that's an error.> <I've reversed it|I've refunded it|I've credited your account>, <you'll see it in {days}|it's already showing as pending>.")
    c.confirm_fixed()
    c.close()


@scenario("support/transfer_specialist_unresolved/unresolved", "support", resolution="unresolved", escalated=True,
          industries=TROUBLE, note="transferred to a specialist who cannot fix it either, and nothing is planned")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    _try_fix(c, t, works=False)
    c.transfer(c.pick(TIER2))
    _try_fix(c, t, works=False, second=True)
    c.no_fix()
    c.unhappy_ack()
    c.close(mood=c.pick(("flat", "angry")))


@scenario("support/repeat_caller_escalated/follow_up", "support", resolution="follow_up", escalated=True, industries=ANY_ACCOUNT,
          note="third call about the same problem, escalated to a case team: escalated, follow_up")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, this is <the third time|my fourth time|the second time this week> I'm calling about <the same problem|this|my account>, and <nothing's been done|nobody ever calls me back|it's still not fixed>.")
    c.narrate()
    c.verify()
    c.a("<I see the previous calls in the notes.|I can see you've called about this before.|I see the history here.> {sorry}.")
    c.escalate_promise(c.pick(("our case management team", "a senior specialist", "my supervisor", "the escalations department", "the customer relations team")))
    c.u("<Okay. I hope this time someone actually calls.|Fine, thank you.|Alright, I'll wait.>")
    c.close(mood=c.pick(("ok", "flat")))


@scenario("support/field_supervisor_escalation/follow_up", "support", resolution="follow_up", escalated=True, industries=FIELD)
def _(c: Conv) -> None:
    problem, who = c.pick(c.ind.visit_problems)
    c.greet()
    c.u("{hi}, {problem}, and <this is the second time|the last person who came out didn't fix it|I'm really not happy>.", problem=problem)
    c.verify()
    c.a("{sorry}. <Since it's a repeat issue,|Because it wasn't fixed the first time,>")
    c.escalate_promise(c.pick(("our field supervisor", "the service manager", "our senior technician", "the operations manager")))
    c.u("<Okay, thank you|Alright, as long as someone competent comes out|Fine>.")
    c.close()


@scenario("support/account_not_found/unresolved", "support", resolution="unresolved", industries=ANY_ACCOUNT,
          note="the agent cannot find the account and the caller gives up; nothing planned")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I have a question about my <account|bill|last order|payment>.")
    c.a("<Sure, can I get|What's> {acct}?")
    c.u("<It's|Um,> " + c.ref_answer() + ".")
    c.a("<Hmm, I'm not finding anything under that.|I don't see an account with that.|Nothing's coming up.>")
    c.u("<Try|What about> <my husband's name|my old address|my maiden name>?", "<It might be under|Maybe it's under> <my business name|my wife's name|my old number>.")
    c.a("<Still nothing, I'm sorry.|No, I'm not seeing it.|I'm not finding that either.>")
    c.u("<Forget it, I'll find the paperwork and call back.|Ugh, okay, I'll look for a bill and call back.|Never mind then.>")
    c.a("<Okay, sorry about that.|Sorry I couldn't find it.> <Have a good day.|>")


@scenario("support/out_of_warranty_declined/unresolved", "support", resolution="unresolved",
          industries=("retail", "furniture", "hvac", "telecom", "auto_repair", "auto_dealer"),
          note="repair offered at a price the customer refuses: nothing will happen, unresolved")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, my {item} <stopped working|broke|won't turn on> and I want it <fixed|replaced>.", item=c.pick(OWNED[c.ind.key]))
    c.verify()
    c.a("<I'm sorry, it's out of warranty by|Unfortunately the warranty ended> <two months|a few weeks|last year>. <The repair would be|We can fix it for> {quote}.")
    c.u("<That's ridiculous, I'm not paying that.|For that price I'd rather buy a new one.|No way. Forget it.>")
    c.no_fix()
    c.close(mood=c.pick(("flat", "angry")))


@scenario("support/call_drops_mid_fix/unresolved", "support", resolution="unresolved", industries=TROUBLE,
          note="the call is cut off before anything works")
def _(c: Conv) -> None:
    t = _trouble(c)
    _open_trouble(c, t)
    c.a("<Okay, let's try this.|Let's try something.> {fix}.", fix=t.fix)
    c.u("<Okay, hang on, you might lose me|Okay, one sec, I'm switching phones|Alright, let me>, <I'm|> <going to|gonna> <walk to the other room|switch to my cell>...")
    c.pause(4, 12)
    c.a("<Hello?|{cfirst}, are you there?|Hello? Can you hear me?>")
    c.pause(2, 6)
    c.a("<I think we got disconnected.|It looks like the call dropped.|I lost you.>")
