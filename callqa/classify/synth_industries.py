"""Industry profiles and name banks for the synthetic call generator (see ``synth.py``).

Each profile holds the nouns a conversation in that trade needs: companies, what an
account is identified by, what can be bought, booked or asked, and which problems an
existing customer calls about. Empty fields mean "this trade does not do that"; the
scenario registry uses them to decide which industries a scenario may run in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trouble:
    """A problem an agent can try to fix remotely, with both endings."""

    problem: str  # customer states it
    check_q: str  # agent's diagnostic question
    check_a: str  # customer's answer
    fix: str  # agent's instruction
    works: str  # customer confirms the fix
    fails: str  # customer says it still does not work
    agent_side: bool = False  # the fix is something the agent does, not an instruction


@dataclass(frozen=True)
class Industry:
    """The vocabulary of one trade."""

    key: str
    companies: tuple[str, ...]
    # How an existing customer is identified: (noun phrase, answer kind).
    # Kinds: digits, phone, dob, email, last4, address, name.
    account_refs: tuple[tuple[str, str], ...]
    products: tuple[tuple[str, int], ...] = ()  # things sold over the phone, price in dollars
    fulfil: tuple[str, ...] = ()  # "delivery", "pickup", "shipping" — how a sale is handed over
    services: tuple[tuple[str, int], ...] = ()  # bookable services, price (0 = free)
    visit: str = "appointment"  # the noun for a booked time
    staff: tuple[str, ...] = ()  # who the booking is with
    needs: tuple[str, ...] = ()  # a prospect stating need and intent
    info: tuple[tuple[str, str], ...] = ()  # trade-specific question and answer
    troubles: tuple[Trouble, ...] = ()  # remote-fixable problems
    visit_problems: tuple[tuple[str, str], ...] = ()  # (problem after a job, who/what comes out)
    offer: str = ""  # what an outbound rep offers an existing customer
    portal: str = "online account"
    quote_range: tuple[int, int] = (800, 9000)  # ballpark price of a lead's project


_BILLING_REFS = (("your account number", "digits"), ("the phone number on the account", "phone"))

INDUSTRIES: dict[str, Industry] = {}


def _add(industry: Industry) -> None:
    INDUSTRIES[industry.key] = industry


_add(Industry(
    key="telecom",
    quote_range=(120, 320),
    companies=("Skyline Wireless", "Bluewave Mobile", "Northstar Cellular", "Horizon Mobile"),
    account_refs=(("the mobile number on the account", "phone"), ("your account PIN", "digits"),
                  ("the last four of the account holder's social", "last4")),
    products=(("the new Galaxy S24", 799), ("an iPhone 15", 829), ("an extra line on your plan", 35),
              ("a tablet with a data plan", 329)),
    fulfil=("shipping", "pickup"),
    services=(("a setup appointment at the store", 0), ("a device trade-in appointment", 0)),
    visit="store appointment",
    staff=("one of our in-store specialists",),
    needs=("I'm thinking about switching carriers, we've got four lines on our family plan and the bill keeps going up",
           "my contract is up next month and I want to move my whole business, that's six phones, over to you guys"),
    info=(("do you have coverage up near the lake? we're going camping", "yes, we have full 5G coverage around the lake and along the highway"),
          ("does the unlimited plan include hotspot", "it does, you get fifty gigs of hotspot data a month"),
          ("can I use my phone in Mexico", "yes, Mexico and Canada are included on all our unlimited plans at no extra charge")),
    troubles=(
        Trouble("my phone's been saying no service since this morning",
                "are you seeing any bars at all, or does it say SOS only?", "it just says SOS",
                "go ahead and turn airplane mode on, wait ten seconds, and turn it back off",
                "oh, there we go, I've got bars again", "no, it still says SOS only"),
        Trouble("I can't send picture messages, they just fail",
                "is mobile data turned on in your settings?", "I think so, yeah",
                "go to settings, cellular, and reset the network settings, then restart the phone",
                "okay, I just sent one to my wife and it went through", "it still fails, I just tried again"),
    ),
    offer="our unlimited premium plan with the streaming bundle",
    portal="app",
))

_add(Industry(
    key="isp",
    quote_range=(60, 250),
    companies=("Clearline Internet", "Metro Fiber", "Valley Cable & Internet", "Pioneer Broadband"),
    account_refs=(("your account number", "digits"), ("the service address", "address"),
                  ("the phone number on the account", "phone")),
    products=(("the gig speed upgrade", 20), ("a mesh wifi extender", 129)),
    fulfil=("shipping",),
    services=(("a new service installation", 99),),
    visit="installation appointment",
    staff=("one of our installers",),
    needs=("we just moved into a house on Birch Street and need internet, we both work from home so it has to be fast",
           "I run a small office with twelve people and our current provider keeps going down, I want to switch"),
    info=(("do you offer service on Willow Creek Road", "yes, fiber is available on Willow Creek Road"),
          ("is there a data cap", "no, all our plans are unlimited, there's no data cap")),
    troubles=(
        Trouble("my internet keeps dropping every few minutes",
                "what are the lights on the modem doing right now?", "the internet one is blinking orange",
                "unplug the modem from the power for thirty seconds, then plug it back in and give it two minutes",
                "okay, it's solid white now and pages are loading", "it came back up but it's blinking orange again"),
        Trouble("the wifi is super slow, like I can't even stream anything",
                "are you connected on wifi or plugged in with a cable?", "wifi, on my laptop",
                "I'm going to refresh the signal from my end, give it a minute, and then reconnect to the network",
                "wow, okay, the speed test says three hundred now", "it's still crawling, the speed test says two megs", agent_side=True),
        Trouble("half my TV channels are showing no signal",
                "is it every channel, or just some of them?", "just the sports channels, the regular ones work",
                "I'm sending a refresh signal to your box now, it'll reboot in about a minute",
                "there it is, ESPN is back", "it rebooted but those channels are still blank", agent_side=True),
    ),
    visit_problems=(("the internet goes out every evening even after you swapped the modem", "a technician"),
                    ("the cable line on the side of the house got cut by the landscapers", "a line technician")),
    offer="our new fiber gig plan",
    portal="online account",
))

_add(Industry(
    key="saas",
    quote_range=(1200, 9000),
    companies=("Tasklane", "Ledgerly", "BrightDesk", "CloudPay", "Shiftboard"),
    account_refs=(("the email address on the account", "email"), ("your workspace name", "name"),
                  ("the account owner's email", "email")),
    products=(("the team plan for ten users", 490), ("the annual pro plan", 1188), ("five extra seats", 75)),
    fulfil=(),
    services=(("a product demo", 0), ("an onboarding session", 0)),
    visit="demo",
    staff=("one of our solutions engineers", "our onboarding specialist"),
    needs=("we're a team of about twenty five and we're outgrowing spreadsheets, we need something for scheduling",
           "our accounting software is being discontinued and we need to move our invoicing somewhere by the end of the quarter"),
    info=(("do you integrate with QuickBooks", "yes, we have a native QuickBooks Online integration"),
          ("is there a free trial", "yes, fourteen days, no card required"),
          ("where is the data stored", "all customer data is hosted in US data centers")),
    troubles=(
        Trouble("the export to Excel button doesn't do anything when I click it",
                "which browser are you using?", "Chrome, I think",
                "try clearing the cache, or open it in a private window and try the export again",
                "okay, in the private window it downloaded", "nope, same thing, nothing happens"),
        Trouble("our invoices stopped syncing to QuickBooks yesterday",
                "do you see an error on the integrations page?", "it says the connection expired",
                "click disconnect, then reconnect and sign in to QuickBooks again",
                "okay, it's syncing, I can see the invoices coming through", "I reconnected but it still shows zero invoices synced"),
        Trouble("two of my employees can't see the new schedule",
                "are they set up as members or as guests?", "um, guests I think",
                "change their role to member under team settings and have them refresh",
                "she says she can see it now", "they refreshed and still can't see it"),
    ),
    offer="the annual plan, which saves you two months",
    portal="dashboard",
))

_add(Industry(
    key="bank",
    quote_range=(1200, 2600),
    companies=("First Harbor Bank", "Pinecrest Credit Union", "Summit Federal Bank", "Oak Valley Savings"),
    account_refs=(("the last four of your social", "last4"), ("your date of birth", "dob"),
                  ("your debit card number", "digits")),
    products=(),
    services=(("a meeting with one of our loan officers", 0), ("an appointment with a mortgage advisor", 0),
              ("an appointment to open a business account", 0)),
    visit="appointment",
    staff=("one of our loan officers", "our branch manager"),
    needs=("we're looking to refinance our house, our rate is around seven percent right now",
           "I want to get pre-approved for a car loan, probably around twenty five thousand"),
    info=(("what's your routing number", "our routing number is on the bottom of your checks, it's 0 7 1 0 0 0 2 8 8"),
          ("do you have a notary at the branch", "yes, notary service is free for members, just walk in before four"),
          ("is there a fee for wire transfers", "domestic wires are twenty five dollars outgoing, incoming are free")),
    troubles=(
        Trouble("my debit card keeps getting declined, and I know there's money in there",
                "was it declined online or at a store?", "at the gas station, twice",
                "I see a fraud hold on the card, I'm releasing that now, try it again",
                "just tried it at the pump and it went through", "still declined, I just tried it again", agent_side=True),
        Trouble("I can't log into online banking, it locked me out",
                "did you get a text with a verification code?", "no, nothing",
                "I've unlocked the profile and sent a new code to your phone, go ahead and log in",
                "got it, I'm in", "the code isn't working, it says expired", agent_side=True),
    ),
    offer="our premium checking account with no ATM fees",
    portal="online banking",
))

_add(Industry(
    key="insurance",
    quote_range=(900, 2800),
    companies=("Keystone Insurance", "Harbor Mutual", "Allied Home & Auto", "Evergreen Insurance Agency"),
    account_refs=(("your policy number", "digits"), ("your date of birth", "dob"), ("the address on the policy", "address")),
    products=(("a renter's policy", 180), ("roadside assistance on your auto policy", 24),
              ("an umbrella policy", 350)),
    fulfil=(),
    services=(("a policy review with one of our agents", 0),),
    visit="appointment",
    staff=("one of our agents",),
    needs=("we just closed on a house and I need homeowners insurance before the end of the month",
           "my auto policy renews next month and it went up two hundred dollars, so I'm shopping around"),
    info=(("does my policy cover a rental car", "rental reimbursement is on your policy, up to thirty dollars a day"),
          ("what's the grace period for a payment", "you have a ten day grace period after the due date")),
    troubles=(
        Trouble("I can't find my proof of insurance in the app, I got pulled over last night",
                "are you logged in on the app right now?", "yeah, I'm in",
                "tap on policies, then on your vehicle, and there's a button that says ID card",
                "oh there it is, okay, I see it", "I don't have that button, it just shows the policy number"),
    ),
    visit_problems=(("I filed a claim for the hail damage on my roof last week and nobody has come out", "an adjuster"),),
    offer="bundling your home and auto, which would save you about fifteen percent",
    portal="app",
))

_add(Industry(
    key="utilities",
    companies=("Riverside Electric", "Valley Gas & Power", "City Water Department", "Tri-County Electric Co-op"),
    account_refs=(("your account number", "digits"), ("the service address", "address")),
    products=(),
    services=(),
    info=(("when is my bill due", "your bill is due on the twenty first of every month"),
          ("do you have budget billing", "we do, it averages your bill over twelve months, you can sign up online"),
          ("how do I start service at a new address", "you can start service online or I can take it over the phone, it takes two business days")),
    troubles=(
        Trouble("my online payment didn't go through, it just says pending",
                "did you pay by card or from your bank account?", "from my checking",
                "I see it stuck, I'm going to cancel that one and take the payment over the phone right now",
                "okay, and I see the confirmation email already, thank you", "it says it failed again on my end", agent_side=True),
    ),
    visit_problems=(("the lights in the whole house keep flickering, it's been a week", "a field technician"),
                    ("the meter reading on my bill is way off, it says I used triple", "a meter technician")),
    portal="online account",
))

_add(Industry(
    key="dental",
    quote_range=(1500, 6000),
    companies=("Bright Smile Dental", "Maple Grove Family Dentistry", "Lakeside Dental Care", "Parkview Dental Group"),
    account_refs=(("your date of birth", "dob"), ("the patient's full name", "name")),
    services=(("a cleaning", 120), ("a new patient exam with x-rays", 150), ("teeth whitening", 350),
              ("an emergency exam", 95)),
    visit="appointment",
    staff=("Dr. Patel", "Dr. Nguyen", "our hygienist Carla", "Dr. Meyers"),
    needs=("I've been putting it off, but I need a couple of crowns and I want to know what it'll cost",
           "I want to get Invisalign for my daughter, she's fourteen"),
    info=(("do you take Delta Dental", "yes, we're in network with Delta Dental PPO"),
          ("do you see kids", "we do, we see patients from age three and up"),
          ("do you offer payment plans", "yes, we work with CareCredit and we have in-house plans too")),
    portal="patient portal",
))

_add(Industry(
    key="medical",
    companies=("Cedar Family Medicine", "Northside Urgent Care", "Wellspring Pediatrics", "Riverview Health Clinic"),
    account_refs=(("the patient's date of birth", "dob"), ("the patient's name", "name")),
    services=(("a physical", 0), ("a sick visit", 0), ("a flu shot", 40), ("a sports physical", 45)),
    visit="appointment",
    staff=("Dr. Alvarez", "Dr. Kim", "our nurse practitioner", "Dr. Okafor"),
    info=(("do you take walk-ins", "yes, we take walk-ins until six, but there can be a wait"),
          ("do you accept Medicare", "yes, we accept Medicare and most supplement plans"),
          ("do you do covid testing", "we do rapid tests, no appointment needed")),
    portal="patient portal",
))

_add(Industry(
    key="veterinary",
    companies=("Paws & Claws Animal Hospital", "Riverbend Veterinary Clinic", "Happy Tails Vet", "Northgate Pet Clinic"),
    account_refs=(("the pet's name and your last name", "name"), ("the phone number on file", "phone")),
    products=(("a three-month supply of flea and tick chews", 68), ("a bag of the prescription kidney diet food", 92)),
    fulfil=("pickup",),
    services=(("a wellness exam and vaccines", 110), ("a dental cleaning for your dog", 380), ("a sick visit", 75)),
    visit="appointment",
    staff=("Dr. Morgan", "Dr. Lee", "Dr. Santos"),
    info=(("do you see cats and dogs only or also rabbits", "we see cats, dogs and rabbits, and we refer birds out"),
          ("are you open on Sundays", "we're closed Sundays, for emergencies we refer to the animal ER on Route nine")),
    portal="pet portal",
))

_add(Industry(
    key="salon",
    companies=("Studio Nine Salon", "Bella Hair & Nails", "The Mane Room", "Glow Day Spa"),
    account_refs=(("the phone number on your profile", "phone"), ("your name", "name")),
    products=(("a gift card", 100), ("a bottle of the keratin shampoo", 32)),
    fulfil=("pickup",),
    services=(("a haircut", 45), ("color and a trim", 140), ("a gel manicure", 40), ("a sixty minute massage", 95)),
    visit="appointment",
    staff=("Jessica", "Marco", "Tina", "Ashley"),
    info=(("do you take walk-ins", "we do, but appointments get priority, Saturdays are usually booked"),
          ("how long does a balayage take", "plan on about three hours")),
))

_add(Industry(
    key="hvac",
    quote_range=(6000, 14000),
    companies=("Comfort Air Heating & Cooling", "ProTemp HVAC", "Arctic Breeze Services", "Reliable Heating and Air"),
    account_refs=(("the address of the home", "address"), ("the phone number we have on file", "phone")),
    products=(("a replacement air filter pack", 60), ("a smart thermostat", 249)),
    fulfil=("shipping", "pickup"),
    services=(("an AC tune-up", 89), ("a furnace inspection", 99), ("a diagnostic visit", 79),
              ("a free estimate for a new system", 0)),
    visit="service appointment",
    staff=("one of our technicians", "our comfort advisor, Mike", "our technician, Dave"),
    needs=("our AC is about eighteen years old and it barely keeps up, we're thinking about replacing the whole system",
           "we're finishing the basement and need heat down there, probably a mini split"),
    info=(("do you service Trane units", "yes, we service all major brands including Trane"),
          ("do you charge extra on weekends", "weekend calls have a fifty dollar after-hours fee")),
    troubles=(
        Trouble("my thermostat screen is completely blank",
                "is it a battery thermostat or wired in?", "I think it has batteries",
                "pop the cover off, swap in two new double A batteries, and check the breaker labeled furnace",
                "okay, it lit up, and I hear the heat kicking on", "I put new batteries in and it's still blank"),
    ),
    visit_problems=(("the unit you guys installed last month is making a loud rattling noise", "a technician"),
                    ("the AC you repaired on Monday is blowing warm air again", "a technician")),
    offer="our maintenance plan, two tune-ups a year and priority service",
))

_add(Industry(
    key="plumbing",
    quote_range=(1500, 9000),
    companies=("Rapid Rooter Plumbing", "Blue Pipe Plumbing Co.", "Hometown Plumbing & Drain", "AquaPro Plumbing"),
    account_refs=(("the address of the home", "address"), ("the phone number on the invoice", "phone")),
    services=(("a drain cleaning", 149), ("a free estimate for a water heater replacement", 0),
              ("a leak inspection", 99), ("a sewer camera inspection", 250)),
    visit="service call",
    staff=("one of our plumbers", "our plumber, Luis"),
    needs=("we're redoing both bathrooms and need someone to move the plumbing for a new shower",
           "the water heater is twelve years old and it's making a popping noise, I think it's time to replace it"),
    info=(("do you do gas lines", "yes, we're licensed for gas line work"),
          ("do you have a trip charge", "there's a fifty nine dollar trip charge that's waived if you go ahead with the work")),
    troubles=(
        Trouble("my garbage disposal hums but it won't spin",
                "is there a little red button on the bottom of the unit?", "yeah, I see it",
                "turn the power off, put the hex key in the slot underneath and work it back and forth, then press the red reset button",
                "okay it's spinning again, thank you", "it still just hums"),
    ),
    visit_problems=(("the water heater you installed is leaking at the bottom", "a plumber"),
                    ("the toilet you replaced last week is running all night", "a plumber")),
))

_add(Industry(
    key="roofing",
    quote_range=(8000, 22000),
    companies=("Summit Roofing", "Top Notch Roofing & Gutters", "Ironclad Roofing", "Peak Exteriors"),
    account_refs=(("the address of the property", "address"), ("your last name", "name")),
    services=(("a free roof inspection", 0), ("an estimate for a full replacement", 0), ("a gutter cleaning", 175)),
    visit="inspection",
    staff=("our estimator, Brian", "one of our project managers"),
    needs=("we had that big hail storm and I'm pretty sure we lost shingles, and there's a stain on the ceiling",
           "the roof is twenty two years old and we're selling the house next spring, so I want to replace it"),
    info=(("do you work with insurance claims", "yes, we work with all the major carriers and can meet the adjuster"),
          ("what kind of warranty do you give", "ten years on workmanship, and the manufacturer covers the shingles for thirty")),
    visit_problems=(("the repair you did in the spring is leaking again", "our repair crew"),
                    ("the new gutters are pulling away from the house", "a crew")),
))

# Two trades whose customers use the words of telemarketing pitches (solar panels,
# getting on the first page of Google): legit calls about them keep the spam head from
# learning that the topic alone makes a call spam.
_add(Industry(
    key="solar",
    quote_range=(14000, 38000),
    companies=("SunPeak Solar", "Bright Roof Solar", "Horizon Solar Installers", "Clearsky Energy"),
    account_refs=(("the address of the installation", "address"), ("your project number", "digits")),
    services=(("a free solar site assessment", 0), ("a panel cleaning", 149), ("a system health check", 99)),
    visit="site assessment",
    staff=("our solar consultant, Priya", "one of our system designers"),
    needs=("our electric bill is over three hundred a month in the summer and we want solar panels on the house",
           "we just put a new roof on and we'd like to add solar panels and maybe a battery"),
    info=(("do you handle the permits and the utility paperwork", "yes, we pull the permits and file the interconnection for you"),
          ("how long does an install take", "the install itself is one or two days, permits take about four weeks")),
    troubles=(
        Trouble("the app says my solar system isn't producing anything today",
                "is the inverter showing a green light or a red one?", "it's red",
                "flip the solar breaker in your panel off, wait a minute, then turn the inverter switch back on",
                "okay, the light's green and the app shows it producing again", "I did that and it's still red"),
    ),
    visit_problems=(("one of the panels you installed has a crack in it", "a technician"),),
    offer="our monitoring and maintenance plan",
))

_add(Industry(
    key="marketing_agency",
    quote_range=(1500, 9000),
    companies=("Northline Digital", "Brightpath Marketing", "Local Reach Media", "Copperleaf Web Studio"),
    account_refs=(("your business name", "name"), ("your client number", "digits")),
    services=(("a free website review", 0), ("a strategy call", 0), ("a monthly SEO package", 499)),
    visit="strategy call",
    staff=("our account manager, Erin", "one of our strategists"),
    needs=("we're a small bakery and nobody finds us on Google, we need a new website and help with search",
           "our dental office needs more new patients, we want to run Google ads and fix our listings"),
    info=(("do you build websites on WordPress", "yes, most of our sites are WordPress, and you can edit them yourself"),
          ("is there a long contract", "no, it's month to month after the first three months")),
    troubles=(
        Trouble("the contact form on the website you built for us stopped sending emails",
                "did you change the email password recently?", "yeah, last week",
                "I'm updating the form to the new password on our side now, send a test message",
                "okay, the test came through", "I sent one and nothing came through", agent_side=True),
    ),
    offer="our local SEO package",
    portal="client dashboard",
))

_add(Industry(
    key="pest_control",
    quote_range=(300, 1800),
    companies=("Guardian Pest Solutions", "Bugout Exterminators", "Greenline Pest Control"),
    account_refs=(("the service address", "address"), ("your account number", "digits")),
    services=(("a free termite inspection", 0), ("a one-time ant treatment", 150), ("a rodent inspection", 99)),
    visit="inspection",
    staff=("one of our technicians",),
    needs=("we just found termite damage in the garage and we need someone to treat the whole house",
           "we have mice in the attic, I can hear them at night, and I want it taken care of for good"),
    info=(("is the spray safe for dogs", "yes, once it's dry, usually about thirty minutes, it's safe for pets"),
          ("do you treat for bed bugs", "we do, with a heat treatment")),
    visit_problems=(("the ants came back two weeks after your treatment", "a technician for a free re-treatment"),),
    offer="our quarterly protection plan",
))

_add(Industry(
    key="auto_repair",
    companies=("Main Street Auto Care", "Precision Auto & Tire", "Eastside Garage", "QuickLane Service Center"),
    account_refs=(("the phone number on file", "phone"), ("your last name", "name")),
    products=(("a set of four all-season tires", 620), ("new wiper blades", 40), ("a car battery", 189)),
    fulfil=("pickup", "installation"),
    services=(("an oil change", 59), ("a brake inspection", 0), ("a check engine light diagnostic", 120),
              ("an alignment", 99)),
    visit="appointment",
    staff=("one of our technicians",),
    info=(("do you work on European cars", "we do, we work on BMW, Audi and VW"),
          ("do I need an appointment for an oil change", "walk-ins are fine, but with an appointment you skip the line")),
    visit_problems=(("the check engine light came back on after you fixed it yesterday", "the technician who did the work"),),
    offer="our prepaid maintenance package",
))

_add(Industry(
    key="auto_dealer",
    quote_range=(22000, 38000),
    companies=("Lakeside Toyota", "Crossroads Ford", "Metro Honda", "Valley Chevrolet"),
    account_refs=(("your last name", "name"), ("the phone number you gave us", "phone")),
    products=(("the silver RAV4 on your lot", 28500), ("the used F-150 listed online", 31900),
              ("the all-weather floor mats", 180)),
    fulfil=("pickup",),
    services=(("a test drive", 0), ("a trade-in appraisal", 0)),
    visit="appointment",
    staff=("one of our sales consultants", "our sales manager, Tony"),
    needs=("I'm looking for a used SUV under thirty thousand, something with third row seating",
           "my lease is up in two months and I want to look at the hybrid"),
    info=(("is the blue Civic still available", "it is, it's on the front row"),
          ("do you do financing for first-time buyers", "we do, we have a first-time buyer program")),
    offer="an extended service contract",
))

_add(Industry(
    key="restaurant",
    companies=("Luigi's Trattoria", "Golden Dragon", "The Corner Bistro", "Sunrise Diner", "Taqueria El Sol"),
    account_refs=(("the name on the order", "name"), ("the phone number for the order", "phone")),
    products=(("a large pepperoni pizza and an order of garlic knots", 26), ("two orders of pad thai and spring rolls", 38),
              ("a catering tray of chicken parm for twenty people", 240), ("the family taco pack", 45)),
    fulfil=("pickup", "delivery"),
    services=(("a table for four", 0), ("a table for two", 0), ("the private room for a party of twelve", 0)),
    visit="reservation",
    staff=(),
    info=(("do you have gluten-free options", "yes, we have gluten-free pasta and pizza crust"),
          ("are you open on Thanksgiving", "we're open on Thanksgiving from noon to eight"),
          ("do you have outdoor seating", "we do, the patio is open when the weather's nice")),
))

_add(Industry(
    key="retail",
    companies=("Harbor Electronics", "Home & Hearth Supply", "TechTown", "Miller's Hardware"),
    account_refs=(("your order number", "digits"), ("the email on the order", "email"), ("the phone number on the order", "phone")),
    products=(("the 55-inch TV that's on sale", 449), ("a cordless drill kit", 129), ("the stainless dishwasher", 699),
              ("a laptop, the fourteen-inch model", 899)),
    fulfil=("pickup", "delivery"),
    info=(("what's your return policy", "you have thirty days with the receipt for a full refund"),
          ("do you price match", "yes, we match local competitors and major online retailers")),
    troubles=(
        Trouble("the tablet I bought won't connect to my home wifi",
                "does it see your network in the list?", "it sees it but it says incorrect password",
                "forget the network, then join again, and the password is case sensitive so check the capitals",
                "oh, that was it, it's connected", "I did that and it still says incorrect password"),
    ),
    visit_problems=(("the dishwasher you delivered and installed is leaking on the floor", "a service technician"),),
    portal="online account",
))

_add(Industry(
    key="furniture",
    companies=("Oakwood Furniture", "Comfort Living Furniture", "Urban Loft Home"),
    account_refs=(("your order number", "digits"), ("the phone number on the order", "phone")),
    products=(("the gray sectional", 1899), ("a queen mattress and box spring", 899), ("the oak dining set", 1450)),
    fulfil=("delivery", "pickup"),
    info=(("do you have a layaway plan", "we do, twenty percent down and ninety days to pay"),
          ("is the showroom open Sunday", "Sundays we're open eleven to five")),
    visit_problems=(("the sofa delivered on Friday has a broken leg", "a furniture technician"),
                    ("the recliner you delivered won't recline anymore", "a service technician")),
))

_add(Industry(
    key="florist",
    companies=("Petal & Stem Florist", "Bloom Street Flowers", "Wildflower Studio"),
    account_refs=(("the order number", "digits"), ("the name on the order", "name")),
    products=(("a dozen red roses", 65), ("a sympathy arrangement in whites", 95), ("a birthday bouquet with balloons", 55)),
    fulfil=("delivery", "pickup"),
    info=(("do you deliver to the hospital", "yes, we deliver to Mercy Hospital every day before three"),
          ("what's the cutoff for same day delivery", "order by noon for same day delivery")),
))

_add(Industry(
    key="legal",
    quote_range=(2500, 7500),
    companies=("Hartman & Cole Law", "Rivera Injury Law", "Bennett Family Law", "Stone & Park Attorneys"),
    account_refs=(("your case number", "digits"), ("your full name", "name")),
    services=(("a free consultation", 0), ("a consultation with one of our attorneys", 150)),
    visit="consultation",
    staff=("attorney Hartman", "Ms. Rivera", "one of our attorneys"),
    needs=("I was rear-ended last week and the other driver's insurance is giving me the runaround",
           "my wife and I are separating and we need help with custody of our two kids"),
    info=(("do you do wills", "yes, we prepare wills and trusts, a simple will is a flat fee"),
          ("do you charge for the first meeting", "the first consultation is free for injury cases")),
    visit_problems=(),
))

_add(Industry(
    key="real_estate",
    quote_range=(350000, 650000),
    companies=("Keller Home Realty", "Bayview Properties", "Crestline Realty Group"),
    account_refs=(("your name", "name"),),
    services=(("a showing of the house on Oak Street", 0), ("a listing consultation", 0)),
    visit="showing",
    staff=("our agent, Lisa", "one of our agents"),
    needs=("we're relocating for work and need a three bedroom in the Westfield school district by August",
           "we're thinking about selling our condo this spring and want to know what it's worth"),
    info=(("is the house on Maple still available", "it's under contract, but it's still accepting backup offers"),
          ("what are the HOA fees on the townhomes", "they're two hundred and ten a month, that covers the exterior and snow")),
))

_add(Industry(
    key="moving",
    quote_range=(900, 6500),
    companies=("Two Brothers Moving", "Swift Movers", "Reliable Relocation"),
    account_refs=(("the name on the move", "name"), ("your confirmation number", "digits")),
    services=(("a free in-home estimate", 0), ("a virtual walkthrough estimate", 0)),
    visit="estimate",
    staff=("our estimator",),
    needs=("we're moving a four bedroom house from here to Denver in June",
           "I need to move my mom out of her apartment into assisted living, it's just a one bedroom"),
    info=(("do you move pianos", "we do, upright pianos are a flat two hundred extra"),
          ("are you licensed for interstate moves", "yes, we're licensed and insured for interstate moves")),
))

# Name banks: common US first and last names, mixed genders and origins.
AGENT_NAMES = (
    "Sarah", "Mike", "Jessica", "David", "Emily", "Chris", "Maria", "James", "Ashley", "Kevin", "Nicole",
    "Brandon", "Amanda", "Jose", "Tiffany", "Ryan", "Priya", "Marcus", "Megan", "Daniel", "Kayla", "Tyler",
    "Rachel", "Anthony", "Lauren", "Andre", "Brittany", "Jason", "Monica", "Eric", "Jasmine", "Luis",
    "Heather", "Derek", "Alicia", "Sam", "Olivia", "Nate", "Grace", "Omar",
)
CUSTOMER_FIRST = (
    "John", "Linda", "Robert", "Patricia", "Michael", "Jennifer", "William", "Elizabeth", "Richard", "Susan",
    "Joseph", "Karen", "Thomas", "Nancy", "Carlos", "Lisa", "Mark", "Betty", "Steven", "Sandra", "Paul",
    "Donna", "Kenneth", "Carol", "Wei", "Michelle", "Brian", "Dorothy", "Ahmed", "Amy", "Gary", "Angela",
    "Tim", "Rebecca", "Juan", "Sharon", "Frank", "Cynthia", "Raj", "Kathleen", "Greg", "Denise", "Hector",
    "Tamara", "Ron", "Yvonne", "Tom", "Diane", "Will", "Rosa",
)
CUSTOMER_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
    "Nguyen", "Patel", "Kowalski", "O'Brien", "Schmidt", "Chen", "Murphy", "Rivera", "Cooper", "Reyes",
)
STREETS = ("Maple Avenue", "Oak Street", "Birch Lane", "Elm Drive", "Cedar Court", "Lincoln Road", "Park Place",
           "Washington Street", "Highland Avenue", "Sunset Boulevard", "Willow Way", "Ridge Road", "Main Street")
CITIES = ("Springfield", "Riverside", "Fairview", "Georgetown", "Franklin", "Clinton", "Madison", "Greenville")
EMAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com")
