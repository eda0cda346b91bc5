"""Sales-side scenarios: sale, appointment_booked, qualified_lead, callback_requested,
legitimate not_interested (see ``synth.py``)."""

from __future__ import annotations

from callqa.classify.synth_industries import INDUSTRIES
from callqa.classify.synth_lang import Conv, spoken_digits, spoken_money
from callqa.classify.synth_registry import fulfilling, having, scenario

BOOKERS = having("services")
LEADS = having("needs")
SELLERS = having("products")
HOME = ("hvac", "plumbing", "roofing", "pest_control", "moving", "solar")
SUBSCRIPTIONS = ("telecom", "isp", "saas", "insurance")
BIG_TICKET = ("furniture", "auto_dealer", "retail", "saas", "telecom")
RECALLS = ("dental", "medical", "veterinary", "auto_repair", "hvac", "salon", "pest_control")
URGENT = ("hvac", "plumbing", "auto_repair", "dental", "veterinary", "pest_control")
CONSULTS = ("legal", "real_estate", "saas", "bank", "insurance", "moving", "roofing", "hvac")


# ---------------------------------------------------------------- shared pieces

def _pay_by_card(c: Conv) -> None:
    c.a("<Okay|Sure>, <go ahead with the card number|I can take the card number> <whenever you're ready|when you're ready|>.",
        "How would you like to pay? <We take all major cards.|>")
    if c.chance(0.3):
        c.u("Visa. Hang on, let me grab it.")
        c.pause(2, 10)
    groups = [f"{c.rng.randint(0, 9999):04d}" for _ in range(4)]
    groups[0] = c.pick(("4", "5", "3")) + groups[0][1:]
    c.u("<Okay, it's|It's|Ready?|> " + ", ".join(_digits_words(c, g) for g in groups) + ".")
    c.a("And the expiration date and the <security code|three digits on the back|CVV>?")
    c.u(f"{c.pick(('oh', '0', 'zero'))} {c.rng.randint(1, 9)}, {c.rng.randint(26, 30)}, and "
        + _digits_words(c, f"{c.rng.randint(100, 999)}") + ".")
    c.a("<Perfect|Okay|Great>, <that went through|that's approved|the payment went through>.")
    c.extras()


def _digits_words(c: Conv, digits: str) -> str:
    return spoken_digits(digits, c.rng)


def _handover(c: Conv, mode: str) -> None:
    """A concrete pickup / delivery / shipping time for a sale."""
    if mode == "pickup":
        c.a("<It'll be ready|You can pick it up|We'll have it ready> <at|around|after> {time}<, just come to the front counter|>.",
            "It'll be ready in about <fifteen|twenty|25|thirty|forty-five> minutes.",
            "We'll have it ready for pickup {day} after {time}.")
        c.u("<Great|Perfect|Sounds good|Okay>, <I'll be there|I'll swing by|see you then>.")
    elif mode == "delivery":
        c.take_contact("address")
        c.a("<We can deliver it|Delivery is set for|The driver will be there> {day} {window}.",
            "<It'll be delivered|We'll deliver it> {day}<, you'll get a text the morning of with a two hour window|>.",
            "Delivery should be there in about <forty-five minutes|an hour|thirty to forty minutes>.")
        c.u("<Perfect|That works|Great>, <someone will be home|I'll be there|thanks>.")
    elif mode == "installation":
        c.a("We'll have it installed {day}, bring the car in at {time}.")
        c.u("<Okay|Works for me|Sounds good>.")
    else:  # shipping
        c.a("<It ships|We'll ship it out> <today|tomorrow>, you should have it {day}.",
            "It'll arrive in {days}, and you'll get a tracking number by email.")
        c.u("<Great|Perfect|Okay, thanks>.")


def _offer_times(c: Conv) -> None:
    """Offer times; whichever the customer takes becomes {day} at {time} for the rest of the call."""
    c.extras()
    take_alt = False
    if c.chance(0.45):
        c.a("<I have|We've got|I can do> {day} at {time}<, or| or> {alt_day} at {alt_time}<. Do either of those work?|. Which works better?|.>")
        take_alt = c.chance(0.4)
        if take_alt:
            c.u("<The second one|{alt_day} at {alt_time}|{alt_day} is better|Let's do {alt_day}>.")
        else:
            c.u("<{day} at {time} works|The first one is fine|I'll take {day}|{day} is good>.")
    else:
        c.a("The <first|soonest|next> opening <I have|we have> is {day} at {time}. <Would that work?|Does that work for you?>",
            "<Let me look.|Let's see.|> How about {day} at {time}?")
        if c.chance(0.3):
            c.u("<Hmm,|Ugh,|> I work <then|until five>. Anything <later|earlier|on the weekend>?",
                "<Do you have|Is there> anything <sooner|earlier|later in the day>?")
            c.a("<Let me see.|Let me check.|> <I could do|There's> {alt_day} at {alt_time}.")
            c.u("<Okay, that works|That's perfect|Yeah, let's do that one>.")
            take_alt = True
        else:
            c.u("<{day} at {time} works|That works|Perfect|Yes, that's fine>.",
                "<Yeah,|Oh,|> {day} <is good|works great|is perfect>.")
    if take_alt:
        c.slots["day"], c.slots["time"] = c.slots["alt_day"], c.slots["alt_time"]


def _confirm_booking(c: Conv) -> None:
    c.a("<Okay,|Alright,|Perfect,> you're <all set|booked|scheduled> for {service} on {day} at {time}<, with {staff}|>.",
        "<Great,|Okay,> I've got you <down|booked> for {day} at {time}. <You'll get a text reminder the day before.|Please come ten minutes early to fill out paperwork.|>",
        "<Alright|Okay>, that's {service}, {day} at {time}<. We'll see you then|>.")
    if c.chance(0.5):
        c.u("<Great|Perfect|Awesome>, {thanks}.", "<Okay|Alright>, <see you then|I'll be there>.")


def _need(c: Conv) -> None:
    c.u("<{hi},|So|Yeah,> " + c.pick(c.ind.needs) + ".",
        "{hi}, <I'm calling because|I was hoping you could help,> " + c.pick(c.ind.needs) + ".")


def _qualify(c: Conv) -> None:
    """Discovery questions a good rep asks before quoting."""
    for _ in range(c.rng.randint(1, 3)):
        q = c.rng.randrange(5)
        if q == 0:
            c.a("<And|> what kind of timeline are you looking at?", "When are you hoping to get this done?")
            c.u("<Probably|Hopefully|Ideally> <in the next month or so|before summer|as soon as possible|within a couple of weeks>.")
        elif q == 1:
            c.a("Do you have a budget in mind?", "What price range are you thinking?")
            c.u("<I don't know,|Honestly,|> <somewhere around|under|no more than> {quote}<, I guess|>.",
                "<Not really|I'm not sure>, I just want to know what it'd cost.")
        elif q == 2:
            c.a("How did you hear about us?", "Have you worked with us before?")
            c.u("<A neighbor recommended you|I found you on Google|I saw your truck in my neighborhood|My brother-in-law used you>.")
        elif q == 3:
            c.a("Are you the decision maker, or is there someone else involved?",
                "Will anyone else be part of the decision?")
            c.u("<It's me and my wife|Just me|My business partner and I|Me, but my husband wants a say>.")
        else:
            c.a("Are you getting other quotes?", "Have you talked to anyone else about it?")
            c.u("<We got one other quote|Not yet|One other company came out but they never called back>.")
    c.extras()


# ---------------------------------------------------------------- sale

@scenario("sale/phone_order/pickup", "sale", industries=fulfilling("pickup"),
          note="purchase with a pickup time is a sale")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <I'd like to|can I> <order|place an order for|get> {product} <for pickup|to go|>?",
        "<Yeah,|Hi,> do you <still have|have> {product}? I want to <buy it|grab it> <today|this afternoon>.",
        "{hi}, I saw {product} on your website and I want to buy it and pick it up.")
    if c.chance(0.4):
        c.a("Let me <make sure we have it|check the stock|check on that>.")
        c.pause(3, 20)
        c.a("<Yep|Yes|Good news>, we <have it|have a few left|have two in stock>.")
    if c.chance(0.4):
        c.smalltalk()
    c.a("<Okay|Sure>, <that comes to|your total is|that's> {price}<, plus tax| with tax|>.",
        "<Alright|Got it>, so that's {product}, {price}<. Anything else with that?|.>")
    if c.chance(0.5):
        _pay_by_card(c)
    else:
        c.u("<Can I pay when I pick it up?|I'll pay when I get there.>")
        c.a("<Sure|Of course|That's fine>, you can pay at the counter.")
    if c.chance(0.6):
        c.take_contact("name", "phone")
    _handover(c, "pickup")
    c.close()


@scenario("sale/phone_order/delivery", "sale", industries=fulfilling("delivery"),
          note="purchase with a delivery time is a sale")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'd like to <order|buy|get> {product} <for delivery|delivered|>.",
        "{hi}, I want to <place an order|order> for delivery, <um,|> {product}.",
        "Yeah, I was in the store <yesterday|last weekend> and I want to buy {product}, can you deliver it?")
    if c.chance(0.4):
        c.a("<Absolutely|Sure>. Let me check <availability|the warehouse> real quick.")
        c.pause(3, 25)
    c.a("<Okay|Alright>, that's {price}<, and delivery is included| plus a small delivery fee|>.")
    if c.chance(0.3):
        c.u("<Is there any way to get a discount?|Is that the sale price?>")
        c.a("<That's already the sale price|I can take ten percent off since you're paying today>.")
        c.u("<Okay, fine|Alright, let's do it>.")
    c.take_contact("name", "phone")
    _pay_by_card(c)
    _handover(c, "delivery")
    c.close()


@scenario("sale/price_question_then_buy/pickup", "sale", industries=fulfilling("pickup"),
          note="starts as a price question, ends in a purchase with pickup: sale, not appointment")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <how much is|what do you charge for|what's the price on> {product}?",
        "Quick question, <how much|what> <is|are you asking for> {product}?")
    c.a("<That's|It's|That one is|Right now it's> {price}.")
    if c.chance(0.5):
        c.u("<Does that include tax?|Is that on sale?|Is that the final price?>")
        c.a("<That's before tax|That's the sale price through Sunday|That includes everything>.")
    c.u("<Oh, that's not bad|Okay, that's fine|Oh nice>. <Let's do it|I'll take it|Go ahead and ring it up|Can you hold one for me, I'll pay now>.")
    _pay_by_card(c)
    _handover(c, "pickup")
    c.close()


@scenario("sale/plan_upgrade/immediate", "sale", industries=SUBSCRIPTIONS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I want to <upgrade|add> <to|> {product}.",
        "<Hi,|Yeah,> I'm <a customer|an existing customer> and I'd like to add {product} to my account.",
        "{hi}, I saw the email about {product} and I want to sign up for it.")
    c.verify()
    if c.chance(0.4):
        c.u("How much more is that going to be?")
    c.a("<Okay|Sure>, {product} <would be|is> {price}, <and it starts today|effective today|starting your next bill>.",
        "So that adds {price}<, prorated for this month|>. Do you want me to go ahead?")
    c.u("<Yes, please|Yeah, go ahead|Let's do it|That's fine, do it>.")
    if c.chance(0.4):
        c.hold()
    c.a("<Alright|Okay|Done>, <that's been added|you're all set|I've made the change>. <You'll get a confirmation email|It's active now|You'll see it on your next bill>.")
    if c.chance(0.3):
        c.u("So I don't need to do anything else?")
        c.a("<Nope|Nothing else>, <it's all set on our end|just restart the app if you don't see it>.")
    c.close()


@scenario("sale/transferred_to_sales/closed", "sale", escalated=True,
          industries=having("products", among=("telecom", "isp", "saas", "retail", "auto_dealer", "furniture", "insurance")),
          note="transfer to the sales department carried out: escalated")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I want to <buy|order|sign up for> {product}.", "{hi}, I'm interested in {product}, can I get that set up?")
    if c.chance(0.5):
        c.a("<Oh,|Okay,|> <this is the service line|I'm in customer service|I'm actually in support>, <orders go through sales|I can't take orders here>.")
    c.transfer(c.pick(("our sales team", "sales", "our sales department", "one of our sales reps", "our product specialist")))
    c.u("<Yes|Yeah|Right>, <that's right|I want to order it|I'd like to get it today>.")
    c.a("<Great|Perfect>, it's {price}<. Let me get a few details.|.>")
    c.take_contact("name", "phone")
    _pay_by_card(c)
    if c.ind.fulfil:
        _handover(c, c.pick(c.ind.fulfil))
    else:
        c.a("<You're all set|That's done>, <you'll get a confirmation email in a few minutes|it's active on your account now>.")
    c.close()


@scenario("sale/offered_transfer_declined/closed", "sale",
          industries=having("products", among=("telecom", "isp", "saas", "retail", "auto_dealer", "furniture", "insurance", "veterinary", "auto_repair")),
          note="a transfer offered and declined, the agent closes the sale herself: not escalated")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'd like to <buy|order|get> {product}.", "{hi}, I want to buy {product}, can you help me with that?")
    if c.chance(0.5):
        c.a("<Sure|Absolutely>. <I can transfer you to our sales team if you'd like, or I can take care of it right here.|Do you want me to transfer you to a specialist, or should I just set it up for you?|I could transfer you to our product specialist, but I can probably do it myself.>")
        c.u("<You can just do it|No, you're fine, just do it|Let's just do it with you|No need to transfer me>.")
    else:
        c.offer_transfer(c.pick(("our sales team", "a product specialist", "the sales department")))
    c.a("<Okay|Sure thing|You got it>, {product} is {price}.")
    _pay_by_card(c)
    if c.ind.fulfil:
        _handover(c, c.pick(c.ind.fulfil))
    else:
        c.a("<It's on your account now|All done, you'll get the receipt by email>.")
    c.close()


@scenario("sale/outbound_quote_followup/closed", "sale", industries=having("products", among=BIG_TICKET))
def _(c: Conv) -> None:
    c.open_outbound("<I'm following up on|I'm just calling about> the quote <we sent over|I emailed you> for {product}<. Did you get a chance to look at it?|.>")
    c.u("<Yeah, we did|Yes, I got it|Oh, hi, yeah>. <We talked it over and|Honestly,|> <we want to go ahead|I think we're ready to do it|let's do it>.",
        "<Yes,|Oh, yes,> perfect timing, I was going to call you. <We'll take it|We want to move forward>.")
    c.a("<That's great|Wonderful|Awesome>! <So that's {price}, like we discussed.|The price is still {price}.>")
    if c.chance(0.5):
        c.u("<Is that still the price with the discount?|Can you still do the free delivery?>")
        c.a("<Yes, that's locked in|Yep, I'll honor that>.")
    _pay_by_card(c)
    if c.ind.fulfil:
        _handover(c, c.pick(c.ind.fulfil))
    else:
        c.a("<You're all set|It's done>, <your new plan is active today|I'll send the invoice and login details now>.")
    c.close()


@scenario("sale/gift_card/purchase", "sale", industries=("salon", "restaurant", "retail", "florist", "furniture", "auto_repair"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <do you sell|can I buy> gift cards <over the phone|>?", "{hi}, I'd like to buy a gift card for my <wife|mom|sister|husband|coworker>.")
    c.a("<We do|Sure|Yes, we do>. <What amount?|How much would you like to put on it?>")
    c.u("<Let's do|Um,|> <fifty|a hundred|$75|one hundred|$150> <dollars|>.")
    _pay_by_card(c)
    c.a("<Would you like us to email it, or pick it up at the front desk?|I can email it to you or mail a physical card.>")
    if c.chance(0.5):
        c.u("<Email is fine|Just email it>.")
        c.take_contact("email")
        c.a("<You'll have it in a few minutes|It's on its way to your inbox>.")
    else:
        c.u("<I'll pick it up|I'll come grab it> <tomorrow|this afternoon|on my way home>.")
        c.a("<It'll be at the front desk|We'll have it in an envelope at the front> under {clast}.")
    c.close()


@scenario("sale/reorder/existing_customer", "sale", industries=having("products", among=("veterinary", "hvac", "salon", "retail", "auto_repair", "florist")))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need to reorder {product}<, same as last time|>.", "{hi}, I'm running low, can I get {product} again?")
    c.verify()
    c.a("<I see your last order|I see it on your account>. <Same thing again?|Do you want the same quantity?>")
    c.u("<Yep, same thing|Yes please|Yeah, exactly the same>.")
    c.a("<That's|It comes to> {price}<, same as before|>.")
    if c.chance(0.6):
        _pay_by_card(c)
    _handover(c, c.pick(c.ind.fulfil) if c.ind.fulfil else "pickup")
    c.close()


# ---------------------------------------------------------------- appointment_booked

@scenario("appointment/new_customer/booked", "appointment_booked", industries=BOOKERS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'd like to <make|schedule|book> <an appointment for|> {service}.",
        "{hi}, <I was wondering if|do you know if> you have anything open for {service} <this week|soon|>?",
        "<Yeah,|Hi,> I need to <set up|get> {service}<, please|>.")
    c.a("<Sure|Of course|Absolutely>. <Have you been here before?|Are you a new or existing customer?|Have we seen you before?>")
    c.u("<No, this is my first time|No, I'm new|Nope, first time>.")
    c.take_contact(*c.pick((("name", "phone"), ("name", "phone", "email"), ("name",))))
    if c.chance(0.3):
        c.smalltalk()
    _offer_times(c)
    _confirm_booking(c)
    if c.chance(0.3):
        c.u("<Is there anything I should bring?|Where do I park?>")
        c.a("<Just a photo ID and your insurance card if you have one|There's free parking behind the building>.")
    c.close()


@scenario("appointment/price_question/booked", "appointment_booked", industries=BOOKERS,
          note="a price question that ends in a booked time is appointment_booked")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <how much do you charge for|what's the price for|can you tell me how much> {service_plain}<?| is?>",
        "<Yeah,|Hi,> I'm just calling to get a price on {service_plain}.")
    c.a("{price_answer}<, and that includes everything|>.", "<It depends a little, but|Usually,> {price_answer}.")
    if c.chance(0.4):
        c.u("<Hmm, okay|Oh, okay|Oh, that's not bad>. <Do you take insurance?|Any specials right now?|Is there a wait?>")
        c.a("<We take most plans|We have ten percent off for first-time customers this month|We're booking about a week out>.")
    c.u("<Okay, can I get in|Do you have anything> <this week|{day}|soon>?", "<Alright,|Okay,> let's <book it|set it up|go ahead and schedule it>.")
    c.take_contact("name", "phone")
    _offer_times(c)
    _confirm_booking(c)
    c.close()


@scenario("appointment/reschedule/booked", "appointment_booked", industries=BOOKERS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need to <reschedule|move> my {visit}<, something came up|>.",
        "{hi}, I have {service} <scheduled for|booked for> {day2} and I can't make it, can we <change|move> it?")
    c.verify()
    c.a("<I see it|I see you|Okay, I see your {visit}> <for {day2}|here>. <When would work better?|What works for you?>")
    c.u("<Anything|Something> <later in the week|the week after|in the morning>.")
    _offer_times(c)
    c.a("<Okay,|Done,> <I moved you to|you're now booked for> {day} at {time}<. I cancelled the old one|>.")
    c.u("<Perfect|Great>, {thanks}.")
    c.close()


@scenario("appointment/home_estimate/booked", "appointment_booked", industries=tuple(k for k in HOME if k in LEADS))
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    c.a("<Okay, I'm sorry to hear that.|Okay, we can definitely help with that.|Sure, that's what we do.> <The best thing is to have|We'd send> {staff} out <to take a look|for an estimate>, <it's free|there's no charge for that|>.")
    if c.chance(0.6):
        _qualify(c)
    c.take_contact("name", "address", "phone")
    _offer_times(c)
    c.a("<Okay,|Great,> {staff} will be out {day} <at|around> {time}<, he'll call about thirty minutes before|>.",
        "<You're set for|I have you down for> {day} {window}<, and you'll get a text when he's on the way|>.")
    c.u("<Sounds good|Perfect|Great, thank you>.")
    c.close()


@scenario("appointment/urgent_new_customer/booked", "appointment_booked", industries=URGENT,
          note="a NEW customer's urgent problem booked for a visit: appointment, not support")
def _(c: Conv) -> None:
    problem = {
        "hvac": "our AC just quit, it's ninety degrees in the house",
        "plumbing": "we've got water coming through the ceiling from the upstairs bathroom",
        "auto_repair": "my car's making a grinding noise when I brake and the light came on",
        "dental": "I broke a tooth eating last night and it really hurts",
        "veterinary": "my dog's been throwing up since this morning and won't eat",
        "pest_control": "there's a wasp nest right by our front door and my son is allergic",
    }[c.ind.key]
    c.greet()
    c.u("{hi}, <I need someone as soon as possible,|I hope you can help,|> " + problem + ".")
    c.a("<Oh no|Oh, I'm sorry|Okay, let's get you taken care of>. <Have you used us before?|Are you an existing customer?>")
    c.u("<No, I found you online|No, first time|Never, my neighbor gave me your number>.")
    c.take_contact("name", "phone")
    c.a("<I can get someone out|I can get you in> <today at|this afternoon at|first thing tomorrow at> {time}<, would that work|>?",
        "<We had a cancellation,|Let me see.> <I can fit you in|We can squeeze you in> at {time} <today|this afternoon>.")
    c.u("<Yes, please|That would be great|Oh thank god, yes>.")
    c.a("<Okay, you're booked|You're on the schedule> for {time}<. {price_answer} for the visit|>.")
    c.close()


@scenario("appointment/outbound_recall/booked", "appointment_booked", industries=RECALLS)
def _(c: Conv) -> None:
    c.open_outbound("<I'm calling because|Our records show> <you're due for|it's time for> {service}<, and I wanted to get you on the schedule|>.")
    if c.chance(0.3):
        c.u("<Oh, is it already that time?|Wow, has it been a year?>")
        c.a("<It sure is|Time flies>!")
    c.u("<Oh, right|Yeah, I've been meaning to call|Okay, sure>. What do you have?")
    _offer_times(c)
    _confirm_booking(c)
    c.close()


@scenario("appointment/transferred_to_scheduling/booked", "appointment_booked", escalated=True,
          industries=("medical", "dental", "auto_dealer", "auto_repair", "veterinary", "legal", "bank"),
          note="handed to another department (scheduling) and booked there: escalated")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need to <make|book> <an appointment|a {visit}> for {service}.")
    c.a("<Okay,|Sure,> <bookings are done by|the calendar is with> <scheduling|another team|the service desk>.")
    c.transfer(c.pick(("our scheduling department", "central scheduling", "the service department", "the front desk")))
    c.u("<Yes|Yeah|Right>, I'd like {service} <sometime this week|as soon as possible|next week>.")
    c.take_contact("name", "phone")
    _offer_times(c)
    _confirm_booking(c)
    c.close()


@scenario("appointment/reservation/booked", "appointment_booked", industries=("restaurant",))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'd like to make a reservation for <four|two|six|eight> <people|> {day}.",
        "{hi}, do you have <a table|room> for <two|four|six> {day} <around|at> {time}?")
    c.a("<Let me check.|Let me look.|One sec.> <I have|We have> {time}<, or a little later at {time2}|>.")
    c.u("<{time} is perfect|We'll take {time}|That's great>.")
    c.a("<Can I get a name for the reservation?|And the name?>")
    c.u("{clast}.", "<It's|> {cfirst} {clast}.")
    if c.chance(0.5):
        c.a("<Is it a special occasion?|Any allergies we should know about?>")
        c.u("<It's my wife's birthday|Yes, one person is allergic to nuts|No, just dinner>.")
    c.a("<You're all set|Okay, we'll see you> {day} at {time}<, we hold tables for fifteen minutes|>.")
    c.close()


@scenario("appointment/consultation/booked", "appointment_booked", industries=CONSULTS)
def _(c: Conv) -> None:
    c.greet()
    if c.ind.needs:
        _need(c)
    else:
        c.u("{hi}, I'd like to set up {service}.")
    c.a("<Okay|I see|Got it>. <The best next step is|What I'd recommend is> {service} with {staff}<. {price_answer}|>.")
    if c.chance(0.5):
        _qualify(c)
    c.u("<Okay, let's do that|That sounds good|Yes, let's set that up>.")
    c.take_contact("name", "phone", "email")
    _offer_times(c)
    _confirm_booking(c)
    c.close()


@scenario("appointment/outbound_web_lead/booked", "appointment_booked", industries=tuple(k for k in BOOKERS if k in LEADS))
def _(c: Conv) -> None:
    c.open_outbound("<I saw you filled out the form on our website|You requested a quote on our website> <about|for> {service}<, is now a good time?|.>")
    c.u("<Oh yeah, hi|Yes, thanks for calling back so fast|Yeah, I did>. " + c.pick(c.ind.needs) + ".")
    if c.chance(0.7):
        _qualify(c)
    c.a("<Let's get|I'd like to get> {staff} <out there|on the calendar with you|scheduled> <to give you an exact price|so you get real numbers>.")
    _offer_times(c)
    _confirm_booking(c)
    c.close()


# ---------------------------------------------------------------- qualified_lead

@scenario("lead/quote_by_email/qualified", "qualified_lead", industries=LEADS,
          note="need and buying intent stated, quote emailed, no sale and no agreed callback")
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    c.a("<Okay, we can definitely help with that.|Sure, that's something we do all the time.|Got it.>")
    _qualify(c)
    c.a("<For something like that|Ballpark|Usually> you're looking at <around|somewhere near> {quote}<, but I'd want to put together a written quote|>.",
        "I'll put together a quote for you<, it'll have the options|>.")
    c.u("<Can you email it to me?|Just send it over by email.|Okay, send me something in writing.>")
    c.take_contact("name", "email")
    c.a("<I'll have it over to you|You'll have it in your inbox> <by end of day|this afternoon|tomorrow morning>.")
    c.u("<Great, I'll look it over|Okay, I'll take a look and decide|Perfect, we want to get this moving>.")
    c.close()


@scenario("lead/needs_spouse_decision/qualified", "qualified_lead", industries=LEADS,
          note="customer will decide later on their own; nobody agreed to call anyone back")
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    _qualify(c)
    c.a("<Based on what you're describing|For that|Roughly>, <it would be|you'd be looking at> {quote}<, give or take|>.")
    c.u("<Okay. That's within what we were thinking|Hmm, okay, that's doable|That's about what I expected>. <I need to talk to my wife first|Let me run it by my husband|I have to check with my partner>.")
    c.a("<Of course|Totally understand|That makes sense>. <Our prices are good through the end of the month.|Everything's on our website too if you want to look.|>")
    c.u("<We'll be in touch|I'll let you know|We'll decide this week>.")
    c.close()


@scenario("lead/outbound_web_form/qualified", "qualified_lead", industries=LEADS)
def _(c: Conv) -> None:
    c.open_outbound("<You filled out a form on our site|I got your request from our website>, <do you have a couple of minutes?|is now okay?>")
    c.u("<Sure|Yeah, I've got a minute|Yes, go ahead>.")
    c.a("<So tell me a little about what you're looking for.|What's going on?|What prompted you to reach out?>")
    c.u(c.pick(c.ind.needs) + ".", "<So basically,|Well,> " + c.pick(c.ind.needs) + ".")
    _qualify(c)
    c.a("<I'll send you|Let me email you> <some information|our brochure and pricing|a couple of options> so you can <look it over|compare>.")
    c.take_contact("email")
    c.u("<Sounds good|Great|Okay, I'll look for it>.")
    c.close()


@scenario("lead/will_visit_showroom/qualified", "qualified_lead", industries=("auto_dealer", "furniture", "real_estate", "retail", "telecom"),
          note="intent to come in without a booked time is a lead, not an appointment")
def _(c: Conv) -> None:
    c.greet()
    if c.ind.needs:
        _need(c)
    else:
        c.u("{hi}, I'm looking at {product} and I want to <buy one|get one> <soon|this month>.")
    c.a("<We have a few that would fit|We've got some great options|I think we have just the thing>."
        + (" <The one people like is {product}, at {price}.|>" if c.ind.products else ""))
    if c.chance(0.5):
        _qualify(c)
    c.u("<I'll come by|I'll stop in|We'll swing by> <this weekend|sometime next week|one of these days> to <look at it|see it in person>.")
    c.a("<Sounds good|Great|Perfect>, <just ask for me when you come in|we're open till eight|I'm here most days>.")
    c.close()


@scenario("lead/transferred_to_specialist/qualified", "qualified_lead", escalated=True, industries=LEADS,
          note="handed to a specialist team during the call: escalated")
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    c.a("<That's a bigger project.|For that, you'll want a specialist.|Okay, that's not my area.>")
    c.transfer(c.pick(("our commercial team", "one of our project specialists", "our new accounts team", "our senior estimator")))
    c.u("<Yes|Right|Yeah>, " + c.pick(c.ind.needs) + ".")
    _qualify(c)
    c.a("<I'll put together a proposal|I'll write up some options> and email it <to you|over|>.")
    c.take_contact("email")
    c.u("<Great, I'll look it over|Thanks, I'll keep an eye out>.")
    c.close()


# ---------------------------------------------------------------- callback_requested

@scenario("callback/outbound_customer_busy/agreed", "callback_requested", industries=LEADS,
          note="a sales contact agrees a callback time: callback_requested")
def _(c: Conv) -> None:
    c.open_outbound("<I'm calling about|This is about> <the quote you asked for|your request on our website|the information you asked about>.")
    c.u("<Oh, hi|Oh, right|Yeah, hi>. <I'm driving right now|I'm actually in a meeting|Now's not a great time>, can you call me back <{day} at {time}|later|this afternoon>?")
    c.a("<Of course|Sure, no problem|Absolutely>. <Does {day} at {time} work?|What time is good?|I'll call you {day} at {time}.>")
    c.u("<Yeah, that's good|{day} at {time} works|Yep, any time after that>.")
    c.a("<Great,|Perfect,> I'll <give you a call|call you> <then|{day} at {time}>. <Talk soon.|Drive safe.|>")
    c.u("<Thanks, bye|Okay, bye|Talk then>.")


@scenario("callback/agent_checks_availability/agreed", "callback_requested", industries=LEADS)
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    if c.chance(0.5):
        _qualify(c)
    c.a("<Let me check with|I need to check with> <the schedule|{staff}|my manager on pricing> <and get back to you|and call you back>. <Can I call you back {day}?|What's a good time to call you?>",
        "<I don't want to guess on that.|I want to get you an exact number.> <Can I call you back|Let me call you back> <this afternoon|{day}> <with|once I have> <the price|the details>?")
    c.u("<Sure,|Yeah,|That's fine,> <anytime after|around|before> {time}.", "<Yes please|Okay, call me {day}>.")
    c.take_contact("name", "phone")
    c.a("<Okay,|Great,> I'll call you <{day}|this afternoon> <around {time}|at {time}|>.")
    c.close()


@scenario("callback/after_spouse_talk/agreed", "callback_requested", industries=LEADS)
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    c.a("<That would run about|You're looking at about> {quote}.")
    c.u("<Okay. Can you call me back|Could you give me a call> {day} <after I talk to my husband|once my wife's home|after I check with my partner>?")
    c.a("<Absolutely|Of course|Sure>. What time is best?")
    c.u("<Around|After|Maybe> {time}.")
    c.take_contact("phone")
    c.a("<Got it|Okay>, I'll <call you|give you a ring> {day} at {time}.")
    c.close()


@scenario("callback/routed_to_specialist/agreed", "callback_requested", escalated=True, industries=LEADS,
          note="lead handed to another team that will call back: callback_requested AND escalated")
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    if c.chance(0.5):
        c.a("<For that, I'm going to have|I'll have> <our commercial team|one of our specialists|our senior estimator|the sales manager> <call you back|reach out to you>. <They handle projects like this.|That's their department.|>")
    else:
        c.escalate_promise(c.pick(("our commercial team", "one of our specialists", "our senior estimator", "the sales manager")))
    c.u("<Okay|Sure|That's fine>. <When?|How soon?|Can they call me {day}?>")
    c.a("<They'll call you|I'll have them call you> {day} <around|at> {time}<, is that okay|>.")
    c.u("<Yeah|Sounds good|That works>.")
    c.take_contact("name", "phone")
    c.close()


@scenario("callback/returning_missed_call/agreed", "callback_requested", industries=LEADS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <I'm returning a call|someone from your office called me> about <my quote|my estimate|the information I asked for>.")
    c.a("<Do you know who called?|Who were you speaking with?>")
    c.u("<I think it was|It was> {agent2}.", "<I'm not sure|No idea>, they just left a message.")
    c.a("<{agent2} is out right now|She's with a customer|He's on another call>. <Can she call you back?|I'll have them call you back.> <What time is good?|>")
    c.u("<Sure|Okay>, <{day} at {time}|after {time}|anytime this afternoon> <works|is good>.")
    c.take_contact("phone")
    c.a("<Got it|Okay>, <I'll make sure they call you|I'll pass that along and they'll call you> <then|{day}>.")
    c.close()


# ---------------------------------------------------------------- not_interested (legitimate business calls)

@scenario("not_interested/outbound_offer/declined", "not_interested",
          industries=having("offer"), note="a real business calling its own customer with an offer: legit")
def _(c: Conv) -> None:
    c.open_outbound("<I'm calling because|As a valued customer,> <you qualify for|we have a special on> {offer}<, and I wanted to tell you about it|>.")
    c.u("<Oh, okay|Hmm|Okay>.")
    c.a("<It's only|It would be> {small_price} <more a month|a month|>, and <you'd save|it includes> <a lot|priority service|about fifteen percent>.")
    c.u("<No, thank you|I'm good, thanks|Not right now|I'll pass>. <We're happy with what we have.|Money's tight right now.|I don't really need it.>")
    if c.chance(0.4):
        c.a("<Are you sure? It's only for this month.|Can I send you the details by email?>")
        c.u("<No, that's okay|Yeah, I'm sure|No thanks>.")
    c.a("<No problem|Okay, I understand|Totally fine>. <Thanks for your time|Have a great day>, {cfirst}.")
    c.u("<You too, bye|Bye|Thanks>.")


def _paid_items(key: str) -> list[tuple[str, int]]:
    ind = INDUSTRIES[key]
    return [item for item in ind.services + ind.products if item[1] > 0]


@scenario("not_interested/price_too_high/declined", "not_interested",
          industries=tuple(k for k in sorted(set(BOOKERS) | set(SELLERS)) if _paid_items(k)))
def _(c: Conv) -> None:
    item, amount = c.pick(_paid_items(c.ind.key))
    c.greet()
    c.u("{hi}, how much <is|do you charge for|would it be for> {item}?", "<Yeah, hi,|Hi,> what's the price on {item}?", item=item)
    c.a("<That's|It's|We charge|That would be> {amount}.", amount=spoken_money(amount, c.rng))
    c.u("<Oh wow|Whoa|Oh|Hmm>, <that's way more than I want to spend|that's too much|I found it cheaper somewhere else|that's a lot>. <Never mind|I'll pass|No thanks|I'll look around>.")
    if c.chance(0.5):
        c.a("<We do have financing|We have a cheaper option too|We're running a special next month>, <if that helps|>.")
        c.u("<No, that's okay|Nah, I'm good|Thanks anyway>.")
    c.a("<No problem|Okay, understood>. <Thanks for calling|Have a good day>.")
    if c.chance(0.5):
        c.u("<Bye|Thanks, bye>.")


@scenario("not_interested/outbound_went_elsewhere/declined", "not_interested", industries=LEADS)
def _(c: Conv) -> None:
    c.open_outbound("<I'm following up on|Just checking in about> the <estimate|quote|proposal> we <sent|did> <last week|a couple weeks ago>.")
    c.u("<Oh, yeah|Right>. <We actually went with another company|We decided not to do it|We're going to hold off for now>.",
        "<Sorry, I meant to call you|Oh, I should've told you>, we <went with someone else|decided to wait until next year>.")
    if c.chance(0.5):
        c.a("<Can I ask what made the difference?|Was it the price?>")
        c.u("<They were cheaper|The timing didn't work|We just decided to wait>.")
    c.a("<No problem|I understand|Okay, thanks for letting me know>. <If anything changes, give us a call.|Good luck with the project.>")
    c.u("<Will do, thanks|Thanks, bye>.")


# ---------------------------------------------------------------- more leads and callbacks

@scenario("lead/comparing_quotes/qualified", "qualified_lead", industries=LEADS,
          note="need, budget and timeline stated while shopping around; nothing booked or promised")
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    c.u("<I'm getting a few quotes,|I'm calling around,|I'm talking to three companies,> <so what would something like that run?|what do you usually charge for that?|ballpark, what are we looking at?>")
    c.a("<It depends on a few things,|Every job's a little different,> but <most people spend|usually it's> <around|roughly|somewhere around> {quote}<, give or take|>.")
    _qualify(c)
    c.u("<Okay, that's in the range|That's better than the last guy|Okay, that's helpful>. <We want to get it done <soon|this spring|before winter>.|I'll compare and decide this week.>")
    c.a("<Sounds good.|Makes sense.> <Our website has reviews and photos of our work if you want to look.|We're also running ten percent off this month.|>")
    c.close()


@scenario("lead/bulk_order_inquiry/qualified", "qualified_lead",
          industries=having("products", among=("restaurant", "retail", "florist", "furniture", "saas", "telecom")),
          note="a business buyer's volume inquiry answered with a price sheet: qualified lead")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm calling from <a local company|an office down the street|the school district|a property management company>, we're looking at <buying|ordering> {product} <in bulk|for the whole team|for about thirty people>.",
        "{hi}, <do you do|is there> volume pricing on {product}? We need <a lot|twenty or so|one for every office>.")
    c.a("<We do.|Yes, we do discounts for larger orders.|Absolutely.> <How many are you thinking?|What quantity are you looking at?>")
    c.u("<Probably|Somewhere around|At least> <twenty|fifty|thirty-five|a hundred>, <and we'd want them <next month|by the end of the quarter>|depending on the price>.")
    c.a("<I can send you our volume price sheet|Let me put together pricing for that quantity> <by email|today>.")
    c.take_contact("name", "email")
    c.u("<Perfect, I'll take it to my boss|Great, we're ready to order if the price is right|Thanks, that's what I need>.")
    c.close()


@scenario("lead/financing_question/qualified", "qualified_lead", industries=("auto_dealer", "furniture", "roofing", "hvac", "dental", "legal"))
def _(c: Conv) -> None:
    c.greet()
    if c.ind.needs:
        _need(c)
    else:
        c.u("{hi}, I'm interested in {product}, but I'd need to finance it.")
    c.u("<Do you guys do financing?|Is there a payment plan?|What would the monthly payment be?> <My credit's not great.|I don't want to pay it all at once.|>")
    c.a("<We do.|Yes, we have financing through a couple of lenders.|We have plans as low as zero percent for twelve months.> <You can apply on our website, it takes five minutes and doesn't affect your credit.|>")
    c.u("<Oh, that helps a lot|Okay, I'll fill that out tonight|Good, because we definitely want to do this>.")
    c.close()


@scenario("callback/inbound_caller_must_go/agreed", "callback_requested", industries=LEADS)
def _(c: Conv) -> None:
    c.greet()
    _need(c)
    c.a("<Okay, I can definitely help.|Great, let me ask you a few questions.>")
    c.u("<Oh, shoot, I have to go, <my boss is calling|I'm at the school pickup|my other line is ringing>.|Actually, I'm about to walk into a meeting.> <Can you call me back|Could someone call me> <{day} at {time}|this afternoon|after {time}>?")
    c.a("<Absolutely.|Of course.|No problem.> <What's the best number?|Is this number good?>")
    c.u("<Yeah, this one's fine|It's {phone}>.")
    c.a("<Got it,|Okay,> I'll call you <{day} at {time}|then>.")
    c.u("<Thanks, bye|Great, talk then>.")


@scenario("callback/spouse_answers_outbound/agreed", "callback_requested", industries=LEADS,
          note="the lead is out; whoever answers agrees a time to call back: callback_requested")
def _(c: Conv) -> None:
    c.u("Hello?", "Hi, {clast} residence.", "Yeah, hello?")
    c.a("<Hi, is {cfirst} available?|Hi, may I speak with {cfirst}?> This is {agent} with {company}, <about the quote {cfirst} asked for|returning a call about an estimate|following up on the request from our website>.")
    c.u("<Oh, {cfirst}'s not home right now.|{cfirst} is at work.|Oh, {cfirst} just stepped out.> <Can you call back after six?|Try {day} around {time}.|Call back tomorrow morning, {cfirst} will be home.>")
    c.a("<Sure, I'll call back then.|Okay, I'll try again then.|Will do, I'll call back at that time.> <Could you let {cfirst} know I called?|>")
    c.u("<Will do.|Sure.|Okay, bye.>")


@scenario("callback/quote_needs_numbers/agreed", "callback_requested",
          industries=having("products", among=("auto_dealer", "furniture", "retail", "telecom", "insurance", "saas")))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm interested in {product}, <what's the best price you can do?|can you do any better on the price?|what would it be out the door?>")
    c.a("<Let me run the numbers with my manager|I need to check what discounts apply|I'll need to price it out>, <and I'll call you right back|can I call you back in an hour|I'll call you back {day}>.")
    c.u("<Sure, that's fine|Okay, I'll be around|Yeah, call me>.")
    c.take_contact("name", "phone")
    c.a("<Perfect, talk to you soon|I'll call you back shortly|Expect my call {day}>.")
    c.close()


@scenario("not_interested/outbound_survey/declined", "not_interested", industries=BOOKERS,
          note="a real business's survey or follow-up call, declined: legit not_interested")
def _(c: Conv) -> None:
    c.open_outbound("<I'm following up on your recent {visit}|We're calling customers who visited recently>, <do you have two minutes for a short survey?|can I ask you a few questions about your experience?>")
    c.u("<No, I don't have time right now.|Not really, sorry.|No thanks, I'm busy.|I'd rather not, thanks.>")
    c.a("<No problem at all|That's okay|Understood>. <Have a great day.|Thanks anyway.>")
    if c.chance(0.5):
        c.u("<You too|Bye>.")


@scenario("not_interested/outbound_renewal_declined/declined", "not_interested",
          industries=("insurance", "saas", "pest_control", "hvac", "telecom"),
          note="a business offering a renewal to its own customer, declined: legit not_interested")
def _(c: Conv) -> None:
    c.open_outbound("<Your {offer} is up for renewal|I'm calling about renewing your plan with us>, <and I wanted to see if you'd like to continue|so I wanted to check in>.")
    c.u("<No, we're not going to renew.|I don't think so, we're all set.|We decided to let it lapse.> <We're selling the house.|We found a cheaper option.|We don't use it enough.>")
    if c.chance(0.5):
        c.a("<I could offer you {small_price} off if you renew today.|Is there anything I can do to keep you?>")
        c.u("<No, thank you.|No, we've decided.|Not interested, thanks.>")
    c.a("<Okay, I understand.|No problem, thanks for being a customer.> <Have a great day.|>")


# ---------------------------------------------------------------- more sales and bookings

@scenario("sale/outbound_offer/accepted", "sale", industries=having("offer", among=SUBSCRIPTIONS + ("hvac", "pest_control", "bank", "auto_repair")),
          note="the outbound offer that the not_interested scenario declines, accepted here: sale")
def _(c: Conv) -> None:
    c.open_outbound("<I'm calling because|As a valued customer,> <you qualify for|we have a special on> {offer}<, and I wanted to tell you about it|>.")
    c.u("<Oh, okay, tell me more|Hmm, what does it cost?|Okay, I'm listening>.")
    c.a("<It's only|It would be> {small_price} <more a month|a month>, and <you'd save|it includes> <a lot|priority service|about fifteen percent>.")
    if c.chance(0.5):
        c.u("<Is there a contract?|Can I cancel anytime?>")
        c.a("<No contract, cancel anytime.|It's month to month.>")
    c.u("<You know what, sure, let's do it|Okay, sign me up|That sounds good, go ahead>.")
    c.verify()
    c.a("<Done, you're enrolled|I've added it to your account|You're all set>, <starting today|it'll show on your next bill>. <You'll get a confirmation email.|>")
    c.close()


@scenario("sale/deposit_hold/pickup", "sale", industries=having("products", among=("auto_dealer", "furniture", "retail")),
          note="paying a deposit with a set pickup day is a purchase: sale")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, is {product} still available? I want to <put a deposit on it|hold it|buy it> before someone else does.")
    c.a("<It is!|Yes, it's still here.> <We can hold it with a deposit of|A deposit to hold it is> <five hundred dollars|$250|two hundred>.")
    c.u("<Let's do it|Okay, I'll put the deposit down|Perfect>.")
    _pay_by_card(c)
    c.a("<It's yours.|It's sold to you.> <You can pick it up|We'll have it ready> {day} <at|after> {time}<, bring your license|, we'll do the rest of the paperwork then|>.")
    c.u("<Perfect, see you then|Great, I'll be there>.")
    c.close()


@scenario("sale/policy_bound/effective", "sale", industries=("insurance",),
          note="a policy bought and made effective on the call: sale")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I got a quote from you last week for {product} and I'm ready to <buy it|go ahead|start it>.")
    c.verify()
    c.a("<Great.|Perfect.> <The premium is|It comes to> {price} <a year|for the year|>, <or you can pay monthly|paid in full or monthly>.")
    c.u("<Let's do monthly|I'll pay it in full|Monthly is fine>.")
    _pay_by_card(c)
    c.a("<Your policy is active|You're covered> <as of midnight tonight|starting today>. <I'm emailing the documents now.|Your ID cards are in the app.>")
    c.close()


@scenario("sale/catering_order/delivery", "sale", industries=("restaurant", "florist"))
def _(c: Conv) -> None:
    c.greet()
    if c.ind.key == "florist":
        c.u("{hi}, I need <arrangements|centerpieces|flowers> for <a wedding|a funeral|a baby shower|our office party> on {day}, <twelve tables|about ten arrangements|for the whole church>.")
    else:
        c.u("{hi}, I need to order <food|catering|lunch> for <an office lunch|a party|a graduation|a baby shower> on {day}, <about twenty people|for thirty people|around fifteen people>.")
    c.a("<We can do that.|Sure.> <What were you thinking?|Do you want to look at the menu or should I suggest something?>")
    c.u("<Let's do|I'll take> {product}<, times two| and some extra|>.")
    c.a("<Okay, that comes to|Your total is> {price}<, with delivery and setup|, plus delivery|>.")
    if c.chance(0.5):
        c.u("<Can you include plates and napkins?|Can you do it a little cheaper?>")
        c.a("<We'll throw those in.|I can do ten percent off for a big order.>")
    _pay_by_card(c)
    c.take_contact("address")
    c.a("<We'll deliver it|It'll arrive> {day} at {time}<, and someone will set it up|>.")
    c.u("<Perfect|Great, thank you so much>.")
    c.close()


@scenario("appointment/insurance_question/booked", "appointment_booked", industries=("dental", "medical", "veterinary", "legal"),
          note="starts as an information question, ends with a booked time: appointment_booked")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <do you take|are you in network with> <Aetna|Cigna|Blue Cross|Delta Dental|Humana>?", "{hi}, <do you accept|do you take> <my insurance|pet insurance|payment plans>?")
    c.a("<We do.|Yes, we do.|Yes, we accept that.>")
    c.u("<Oh, great. Then can I|Okay, good. Can I> <make an appointment|get in> <for {service}|to see someone>?")
    c.take_contact("name", "phone")
    _offer_times(c)
    _confirm_booking(c)
    c.close()


@scenario("appointment/family_bookings/booked", "appointment_booked", industries=("dental", "salon", "medical", "veterinary"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I need to book {service} for <both my kids|my two dogs|me and my daughter|all three of my kids>.")
    c.a("<Sure. Would you like them back to back?|Sure, let's see if I can get them at the same time.>")
    c.u("<Yes, back to back would be great|Same day if possible|Whatever's easiest>.")
    c.take_contact("name", "phone")
    _offer_times(c)
    c.a("<Okay, I have the first one at {time} and the second right after.|Got it, both of them on {day}, starting at {time}.>")
    c.u("<Perfect|Great>, {thanks}.")
    c.close()


@scenario("appointment/walk_in_question/booked", "appointment_booked", industries=("salon", "auto_repair", "medical", "telecom", "bank"))
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, can I just walk in for {service_plain} or do I need an appointment?")
    c.a("<You can walk in, but the wait can be long.|Walk-ins are okay, but I'd recommend booking.> <I can book you right now if you like.|Want me to put you down for a time?>")
    c.u("<Sure, let's book it|Yeah, let's do that|Okay, book me>.")
    _offer_times(c)
    c.a("<You're on the schedule|Got you down> for {day} at {time}<. Just give your name at the front|>.")
    c.take_contact("name")
    c.close()


@scenario("callback/check_calendar_first/agreed", "callback_requested", industries=BOOKERS,
          note="times are discussed but none is booked; a callback is agreed instead: callback_requested")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm interested in {service_plain}<, what do you have available|, how soon can you do it>?")
    c.a("<The next opening is|I could do> {day} at {time}<, or {alt_day} at {alt_time}|>.")
    c.u("<Hmm, I'm not sure.|I'd have to check.> <I need to look at my calendar|I have to check with work|Let me check my husband's schedule>. <Can you call me back <tomorrow|this afternoon|{day2}>?|Could you give me a call later today?>")
    c.a("<Sure, no problem.|Of course.> <What's a good time?|When's best?>")
    c.u("<After {time2}|Anytime in the morning|Around lunch> <works|is good>.")
    c.take_contact("name", "phone")
    c.a("<Okay, I'll call you|I'll give you a call> <then|tomorrow|at that time>, <and we'll lock in a time|and we'll get you scheduled>.")
    c.close()


@scenario("lead/referral_inquiry/qualified", "qualified_lead", industries=LEADS)
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, <my neighbor|a friend of mine|my coworker> <used you|recommended you> <last year|a while back>, <and|so> " + c.pick(c.ind.needs) + ".")
    c.a("<Oh, that's great to hear.|Glad they sent you our way!|Thanks for calling us.> <What's the name?|Who referred you?|>")
    c.u("<The {clast}s on {street}.|Dave, from my office.|I don't remember her last name, sorry.>")
    _qualify(c)
    c.a("<The easiest next step is|What I'd suggest is> <to fill out the request form on our website|to send us some photos by email|to use the quote tool on our website>, and <you'll get pricing back|we'll put numbers together> <within a day|quickly>.")
    c.u("<Perfect, I'll do that tonight|Okay, I'll send those over|Great, we definitely want to move forward>.")
    c.close()


@scenario("sale/manager_approves_discount/closed", "sale", escalated=True,
          industries=having("products", among=("auto_dealer", "furniture", "retail", "telecom", "saas")),
          note="a manager joins to approve the price and the sale closes: escalated")
def _(c: Conv) -> None:
    c.greet()
    c.u("{hi}, I'm ready to buy {product} if you can do better on the price. <The store across town has it cheaper.|I was hoping for a discount.|Can you do anything on that?>")
    c.a("<Let me see what I can do.|That's above what I can approve.|I'll have to ask my manager.>")
    c.transfer("my manager", person=c.pick(("manager", "sales manager", "store manager")))
    c.a("<I can take ten percent off|I can match that price|I'll throw in free delivery and knock off a hundred> <if you buy today|for you|>.")
    c.u("<Deal|Okay, let's do it|That works for me>.")
    _pay_by_card(c)
    if c.ind.fulfil:
        _handover(c, c.pick(c.ind.fulfil))
    c.close()
