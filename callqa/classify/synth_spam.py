"""Spam scenarios: live telemarketers soliciting the business and robocall-style scripts
(see ``synth.py``). The scripts are written for this generator; the real robocall
transcripts in ``../shared/data/robocall`` remain the main source of robocall positives."""

from __future__ import annotations

from callqa.classify.synth_lang import AGENT, CUSTOMER, Conv
from callqa.classify.synth_registry import scenario

# Telemarketer pitches to a business: (opening, pitch, company names).
_PITCHES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "seo": (
        ("I'm calling from a digital marketing agency, we work with a lot of businesses in your area",
         "I was looking at your website and I noticed you're not showing up on the first page of Google"),
        ("we can get you ranked number one for your keywords in ninety days, guaranteed",
         "we do SEO and we can triple the traffic to your site, our clients see results in weeks"),
        ("RankRise Digital", "Top Spot Marketing", "Local Leads SEO"),
    ),
    "google_listing": (
        ("I'm calling about your Google business listing", "this is a courtesy call regarding your Google Maps listing"),
        ("it shows as unverified, and customers can't find you, we can verify it and optimize it today",
         "your listing is at risk of being removed, we just need to confirm a few details and take a small setup fee"),
        ("Business Listing Services", "Local Verify Center", "Maps Priority"),
    ),
    "merchant": (
        ("I'm calling about your credit card processing", "I'm with a payment processing company, quick question about your card machine"),
        ("we can cut your processing fees by up to forty percent, I just need to see a recent statement",
         "we're offering a free terminal and zero percent processing to businesses like yours"),
        ("Merchant Savings Group", "PayRight Processing", "Swipe Simple Solutions"),
    ),
    "funding": (
        ("I'm calling from a business funding company", "I'm reaching out because your business was pre-qualified"),
        ("you're pre-approved for up to two hundred fifty thousand in working capital, funds in twenty four hours, no collateral",
         "we do merchant cash advances, we can get you up to a hundred thousand by Friday"),
        ("Capital Bridge Funding", "FastLane Business Capital", "Main Street Advance"),
    ),
    "solar": (
        ("I'm calling about the new commercial solar incentives", "we're doing free solar evaluations for businesses in your area this month"),
        ("with the federal tax credit you could cut your electric bill in half with zero money down",
         "we just need fifteen minutes to look at your roof and your utility bill"),
        ("SunPath Energy", "Brightside Solar", "Solar Savings Network"),
    ),
    "web_design": (
        ("I'm a web developer, I was looking at your website", "I'm calling from a web design company"),
        ("it's not mobile friendly and it's probably costing you customers, we can rebuild it for a flat fee",
         "we build websites and apps for small businesses, we could have a new site up in two weeks"),
        ("PixelCraft Studios", "WebNow Design", "Sitewise Solutions"),
    ),
    "energy_broker": (
        ("I'm calling about your business electricity rate", "I'm with an energy consulting firm"),
        ("we can lock in a lower rate than the utility, it's the same power, you just save money",
         "we're helping businesses switch suppliers before the rates go up next month"),
        ("Commercial Energy Partners", "PowerChoice Advisors", "Rate Shield Energy"),
    ),
    "lead_gen": (
        ("I help businesses like yours get more customers", "I'm calling from a lead generation company"),
        ("we can send you twenty to thirty qualified leads a month, you only pay for the ones you close",
         "we have homeowners in your area looking for your services right now, I can send you five free leads to try"),
        ("LeadFlow Pros", "HomeOwner Leads Direct", "BookedSolid"),
    ),
    "directory_ads": (
        ("I'm calling about advertising in our local business directory", "I'm with a local advertising network"),
        ("we have a premium spot open in your category, it's the last one left for your zip code",
         "we're putting together the spring edition and wanted to give you first chance at the featured ad"),
        ("Community Business Guide", "Local Pages Network", "Neighborhood Ad Group"),
    ),
}


def _telemarketer_open(c: Conv, kind: str) -> str:
    """The business answers; the solicitor asks for the owner, sometimes introducing themself."""
    _, _, firms = _PITCHES[kind]
    firm = c.pick(firms)
    c.greet()
    c.state["introduced"] = c.chance(0.5)
    if c.state["introduced"]:
        c.u("Hi, <this is|my name is> {rep} <with|from|over at> {firm}, <how are you today?|is the owner available?|do you have a quick minute?>",
            firm=firm)
    else:
        c.u("<Hi, yes,|Hi,|Hey there,|Good morning,> <is this the owner|am I speaking with the owner|can I speak with the person who handles your marketing|who's in charge of the business there>?")
    return firm


def _pitch(c: Conv, kind: str, firm: str) -> None:
    openings, pitches, _ = _PITCHES[kind]
    intro = "" if c.state.get("introduced") else "<This is|My name's> {rep} with {firm}, "
    c.u("<Great!|Awesome.|Okay, perfect.|> " + intro + "{o}. <Basically,|So|> {p}.",
        "<Perfect.|Great.|> {o}, <and|so> {p}.", firm=firm, o=c.pick(openings), p=c.pick(pitches))


def _declines(c: Conv) -> None:
    c.a("<We're not interested.|No thanks, we're all set.|We're not interested, thank you.|We already have someone for that.> <Please take us off your list.|Please don't call again.|Thanks.|>",
        "<Sorry,|Yeah,> <we don't take solicitations|we don't do phone solicitations|we're not looking for that>. <Have a good day.|Please remove this number.|>")
    if c.chance(0.55):
        c.u("<I totally understand, but|Can I ask,|Before you go,> <what are you currently paying?|can I just send you some information?|it only takes two minutes.>",
            "<No problem,|Okay,> <can I email you a quick proposal?|who would be the best person to talk to?>")
        c.a("<No. Thank you.|We're good, bye.|No, thanks, please remove us.|I said we're not interested.>")
    if c.chance(0.4):
        c.u("<Okay, have a great day.|Alright, thanks for your time.|Okay, bye.>")


def _make_telemarketing(kind: str) -> None:
    @scenario(f"telemarketing/{kind}/declined", "not_interested", spam="telemarketing",
              note="a live person soliciting the business: telemarketing, not_interested")
    def _(c: Conv) -> None:
        firm = _telemarketer_open(c, kind)
        c.a("<Speaking.|That's me.|Yes, what's this about?|What's this regarding?|Who's calling?|Yeah?|Um, sure, what is it?|I'm the manager, what do you need?>")
        _pitch(c, kind, firm)
        if c.chance(0.3):
            c.a("<How did you get this number?|Is this a sales call?>")
            c.u("<We work with a lot of businesses in your area.|It's a quick courtesy call, I promise.>")
        _declines(c)


for _kind in _PITCHES:
    _make_telemarketing(_kind)


@scenario("telemarketing/long_pitch/declined", "not_interested", spam="telemarketing",
          note="the owner listens and asks questions, then declines: still telemarketing, not_interested")
def _(c: Conv) -> None:
    kind = c.pick(tuple(_PITCHES))
    firm = _telemarketer_open(c, kind)
    c.a("<Yeah, this is the owner.|Speaking, what's this about?|That's me.>")
    _pitch(c, kind, firm)
    qa = [
        ("How much does that cost?", "<It depends on the package, but most clients start around|Our starter plan is only|It's just> <two ninety nine a month|$500 one time|a small setup fee>."),
        ("How does that work exactly?", "<Basically,|So,> <we handle everything for you|you don't have to do anything, our team sets it all up>, <and you just see the results|and it pays for itself>."),
        ("Who else do you work with around here?", "<We've helped over five hundred businesses|We work with companies just like yours all over the state>."),
        ("Is there a contract?", "<No long-term contract|It's month to month|Just a twelve month agreement>, <you can cancel anytime|and we guarantee results>."),
        ("How did you get our number?", "<You're listed online|We work with a lot of businesses in your area|It's from a public directory>."),
    ]
    c.rng.shuffle(qa)
    for question, answer in qa[: c.rng.randint(1, 3)]:
        c.a(question)
        c.u(answer)
    c.a("<Yeah, I don't think so.|I'll pass, we're not interested.|Not for us, thanks.> <We're doing fine.|We already have someone.|Please don't call again.>")
    if c.chance(0.5):
        c.u("<Can I at least email you some information?|Would you be open to a quick call next week?>")
        c.a("<No, thank you.|No. Goodbye.>")


@scenario("telemarketing/email_brushoff/declined", "not_interested", spam="telemarketing",
          note="a polite brush-off ('send an email') is still not_interested")
def _(c: Conv) -> None:
    kind = c.pick(tuple(_PITCHES))
    firm = _telemarketer_open(c, kind)
    _pitch(c, kind, firm)
    c.a("<We're really busy right now.|I'm with a customer.|Now's not a good time.> <Just send an email to the address on our website.|If you want, email us, but we're probably not interested.|You can email info at our website.>")
    c.u("<Perfect, I'll do that.|Great, what's the best email?|Okay, who should I address it to?>")
    c.a("<It's on the website.|Just the info address.|Just send it to info.> <Bye.|Thanks.|>")


@scenario("telemarketing/supply_order_pretext/declined", "not_interested", spam="telemarketing",
          industries=("dental", "medical", "legal", "real_estate", "insurance", "auto_repair", "veterinary"),
          note="a solicitor posing as an existing vendor: telemarketing")
def _(c: Conv) -> None:
    c.greet()
    c.u("<Hi, this is|Yes, hi, it's> <Mike|Linda|Tom> from <the supply warehouse|your toner supplier|the printer service center>, I'm just calling to <confirm the model of your copier|verify your toner order|update the printer info we have on file>.")
    c.a("<We don't have an order with you.|Who is this again?|We don't use a supply warehouse.>")
    c.u("<It's just a quick verification, what's the model number on the front of the machine?|Prices are going up next week, so I wanted to lock in your shipment.>")
    c.a("<We're not interested. Don't call again.|No, we handle that ourselves. Goodbye.|I'm not giving you that. Bye.>")


@scenario("telemarketing/gatekeeper/owner_unavailable", "not_interested", spam="telemarketing",
          note="the receptionist screens the solicitor out: telemarketing, not_interested")
def _(c: Conv) -> None:
    kind = c.pick(tuple(_PITCHES))
    firm = _telemarketer_open(c, kind)
    c.a("<What's this regarding?|Can I ask what this is about?|Who's calling?>")
    c.u("<It's {firm}, it's about your business listing, it'll only take a minute.|It's a business matter, I'll only need a minute of their time.|It's {firm}, I'm following up on some information we sent.>",
        firm=firm)
    c.a("<They're not available.|The owner's not in.|She's busy with a customer.> <Can I take a message?|You can send an email to the info address on our website.|We don't take sales calls.>")
    c.u("<That's okay, I'll try back later.|When's a good time to catch them?|No worries, I'll call back.>")
    c.a("<I'd rather you didn't.|Okay.|We're really not interested.>")


@scenario("telemarketing/voicemail_pitch/left", "no_conversation", spam="telemarketing",
          note="a solicitor leaving a pitch on the business mailbox: spam calls take no_conversation")
def _(c: Conv) -> None:
    kind = c.pick(tuple(_PITCHES))
    openings, pitches, firms = _PITCHES[kind]
    c.rec(AGENT, "You've reached {company}. Please leave a message after the tone.",
          "Thank you for calling {company}. We're unable to take your call, please leave a message.")
    c.pause(0.5, 2)
    c.u("Hi, this message is for the owner of {company}, <this is|my name is> {rep} with {firm}. {o}, and {p}. <Give me a call back at|Call me at> {phone}. <Thanks!|Have a great day.>",
        firm=c.pick(firms), o=c.pick(openings), p=c.pick(pitches))


@scenario("telemarketing/consumer_warranty/declined", "not_interested", spam="telemarketing",
          industries=("auto_repair", "auto_dealer", "hvac", "plumbing", "dental", "salon"),
          note="a live warranty seller calling the line: telemarketing")
def _(c: Conv) -> None:
    c.greet()
    c.u("<Hi, yes,|Hello,> I'm calling <about the vehicle on file|regarding your vehicle's extended warranty|about your auto warranty coverage>. <Our records show|It looks like> the factory warranty <has expired|is about to expire>, and <we can extend it today|I can get you covered today>.")
    c.a("<This is a business.|We don't have a car on file with you.|You called a business line.> <Not interested.|No thanks.|Take this number off your list.>")
    if c.chance(0.5):
        c.u("<Sir, this is your final notice.|Ma'am, it'll only take a minute.|Is this the owner of the vehicle?>")
        c.a("<Goodbye.|I said no.|Stop calling.>")


# ---------------------------------------------------------------- robocall-style scripts

_ROBO: dict[str, tuple[str, ...]] = {
    "vehicle_warranty": (
        "We've been trying to reach you concerning your car's extended warranty. You should have received something in the mail about your car's extended warranty. Since we have not gotten a response, we are giving you a final courtesy call before we close out your file. Press 2 to be removed and placed on our do not call list. To speak to someone about possibly extending or reinstating your vehicle's warranty, press 1 to speak with a warranty specialist.",
        "This is an important message regarding your vehicle's service contract. Our records indicate your factory warranty has expired. To extend your coverage, press 1 now. To be removed from our list, press 9.",
    ),
    "ssa": (
        "This call is from the Social Security Administration. Your Social Security number has been suspended due to suspicious activity. To avoid legal action, press 1 to speak with an officer immediately.",
        "Important notice. Your social security number will be blocked in the next twenty four hours because of fraudulent activity reported in your name. To learn more about this case, press 1 now.",
    ),
    "amazon_order": (
        "Hello, this is a call from Amazon. Your order of an Apple iPhone for one thousand four hundred ninety nine dollars has been placed. If you did not authorize this purchase, press 1 to speak with our customer support.",
        "This is Amazon customer service. We detected a suspicious charge of three hundred ninety nine dollars on your account. To cancel the order, press 1. To confirm, press 2.",
    ),
    "card_rate": (
        "This is Card Member Services calling with a final notice. You are eligible to lower your interest rate to as low as one point nine percent. This offer expires today. Press 1 to speak with a representative, or press 2 to be removed.",
        "Hi, this is Rachel from card holder services. There is no problem with your account, but you qualify for a lower interest rate. Please press 1 now to speak with a live agent.",
    ),
    "google_listing": (
        "Attention business owner. Your Google listing has not been verified. Press 1 now to verify your listing, or your business may be marked as permanently closed. Press 9 to be removed from this list.",
        "This is an automated message for the business owner. Google has flagged your business as unverified. Press 1 to speak with a Google specialist.",
    ),
    "utility_disconnect": (
        "This is an automated message from the disconnection department of your electric company. Your service will be disconnected within thirty minutes due to a past due balance. Press 1 to speak with a representative.",
        "Final notice. Your power will be shut off today for non-payment. To avoid disconnection, press 1 now.",
    ),
    "student_loan": (
        "This is an important message regarding your federal student loans. New programs may forgive your balance. You must act before the deadline. Press 1 to speak with a student loan specialist.",
    ),
    "bank_fraud": (
        "This is an automated alert from the fraud prevention department of your bank. A charge of eight hundred dollars was attempted on your debit card. If you did not make this purchase, press 1 to speak with a fraud specialist.",
        "Security alert. Your online banking access has been locked due to unusual sign in attempts. Press 1 to verify your identity and restore access.",
    ),
    "tax_debt": (
        "This is the tax resolution department calling about your outstanding tax debt. A lien may be placed on your property. Press 1 to speak with a tax agent before legal action is taken.",
        "Final notice from the bureau of tax collection. There is a warrant pending in your name. Call back immediately or press 1 now.",
    ),
    "business_loan": (
        "Attention business owner. You have been pre-approved for up to three hundred thousand dollars in working capital. No collateral required. Press 1 now to speak with a funding specialist, or press 2 to opt out.",
        "Good news for small businesses. Your company qualifies for the new relief funding program. Press 1 to claim your funds today.",
    ),
    "vacation_prize": (
        "Congratulations! You have been selected to receive a free three night cruise to the Bahamas. Press 1 now to claim your prize before it expires.",
        "Thank you for being a loyal guest. As part of our rewards program, you have earned a complimentary two night stay. For details, press 1. To be removed, press 2.",
    ),
    "health_plan": (
        "Hi, this is Emily with the benefits enrollment center. You may qualify for a low cost health plan with zero dollar premium. Press 1 now to find out if you qualify, or press 2 to be placed on our do not call list.",
        "Medicare recipients, you may be eligible for a free back brace at no cost to you. Press 1 to speak with a specialist.",
    ),
}


def _business_answers(c: Conv) -> None:
    if c.chance(0.7):
        c.greet()
        c.pause(0.3, 2.5)


def _make_robocall(kind: str) -> None:
    @scenario(f"robocall/{kind}/no_response", "no_conversation", spam="robocall",
              note="a prerecorded message to the business line; nobody talks back")
    def _(c: Conv) -> None:
        _business_answers(c)
        c.rec(CUSTOMER, *_ROBO[kind])
        if c.chance(0.3):
            c.pause(1, 4)
            c.a("<Hello?|Okay...|Great.|Ugh.>")


for _kind in _ROBO:
    _make_robocall(_kind)


@scenario("robocall/press1_live_agent/declined", "not_interested", spam="robocall",
          note="an automated pitch, then the business tells the agent to stop calling: robocall, not_interested")
def _(c: Conv) -> None:
    c.greet()
    c.rec(CUSTOMER, *_ROBO[c.pick(tuple(_ROBO))])
    c.pause(1, 3)
    c.a("<Hello? Is anyone there?|Hello? Who is this?|Is there a real person?>")
    c.u("<Hi, thank you for holding,|Yes, hello,|Hi, my name is Kevin,> <can I have your name please?|are you the account holder?|you've been selected for this offer.>")
    c.a("<Take this number off your list.|This is a business, stop calling us.|Not interested. Remove this number.>")
    if c.chance(0.5):
        c.u("<Okay, sir.|Sorry for the inconvenience.|>")


@scenario("robocall/left_on_mailbox/none", "no_conversation", spam="robocall",
          note="a robocall recorded by the business mailbox: robocall, no_conversation, not voicemail")
def _(c: Conv) -> None:
    c.rec(AGENT, "You've reached {company}. Please leave a message after the tone.",
          "Thank you for calling {company}. We're closed right now, please leave a message.")
    c.pause(0.5, 2)
    c.rec(CUSTOMER, *_ROBO[c.pick(tuple(_ROBO))])
