"""Conversation builder for the synthetic call generator (see ``synth.py``).

A scenario writes a call turn by turn through :class:`Conv`. Each turn picks one of
several templates; templates may hold alternatives inline (``<hi|hello|hey>``, an empty
alternative makes a word optional) and slots (``{company}``, ``{cfirst}``) filled once per
call, so the same person, price and time recur through the call. Speech turns get
speaker-specific disfluencies; recordings (IVR prompts, mailbox greetings, robocalls) do not.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from callqa.classify.synth_industries import (
    AGENT_NAMES,
    CITIES,
    CUSTOMER_FIRST,
    CUSTOMER_LAST,
    EMAIL_DOMAINS,
    STREETS,
    Industry,
)
from callqa.schema import AGENT, CUSTOMER

TALK = "talk"
RECORDING = "recording"  # prerecorded audio: steady pace, no disfluencies

_ALT = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"\s+")
_SPACE_PUNCT = re.compile(r"\s+([,.?!])")
_DOUBLE_COMMA = re.compile(r"([,.?!])\s*,")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)|(?<=[?!])\.")


@dataclass(frozen=True)
class Turn:
    """One utterance before timing: who, what, and any forced pause before it."""

    speaker: str
    text: str
    kind: str = TALK
    pause_before_s: float | None = None


def expand(template: str, rng: random.Random) -> str:
    """Resolve ``<a|b|c>`` alternatives and tidy the spacing they leave."""
    text = template
    while True:  # innermost first, so alternatives may nest: <<Hi|Hello>, there|Hey>
        expanded = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), text)
        if expanded == text:
            break
        text = expanded
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_COMMA.sub(r"\1", text)
    text = _DOUBLE_STOP.sub(".", text).replace("?.", "?").replace("!.", "!")
    text = text.lstrip(",. ")
    return text[:1].upper() + text[1:] if text else text


# ---------------------------------------------------------------- numbers as people say them

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
            "nine": "ninth", "twelve": "twelfth"}


def number_words(n: int) -> str:
    """``149`` → ``one hundred forty-nine`` (0 ≤ n < 1,000,000)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")


def ordinal_words(n: int) -> str:
    words = number_words(n)
    head, _, last = words.rpartition("-") if "-" in words else ("", "", words)
    if last in _ORDINAL:
        last = _ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def ordinal_digits(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken_money(amount: int, rng: random.Random) -> str:
    """A price the way an agent or an ASR transcript might render it."""
    styles = ["digits", "digits", "dollars", "words"]
    if 100 <= amount < 1000 and amount % 100:
        styles.append("colloquial")
    if amount >= 1000:
        styles.append("grand" if amount % 1000 == 0 else "thousand_digits")
    style = rng.choice(styles)
    if style == "digits":
        return f"${amount:,}" + (".99" if amount < 100 and rng.random() < 0.2 else "")
    if style == "dollars":
        return f"{amount:,} dollars"
    if style == "colloquial":  # 149 → "one forty-nine"
        hundreds, rest = divmod(amount, 100)
        tail = number_words(rest) if rest >= 10 else f"oh {number_words(rest)}"
        return f"{_ONES[hundreds]} {tail}"
    if style == "grand":
        return f"{number_words(amount // 1000)} grand"
    if style == "thousand_digits":
        return f"{amount // 1000} thousand {amount % 1000 or ''}".strip()
    return f"{number_words(amount)} dollars"


def spoken_digits(digits: str, rng: random.Random) -> str:
    """A digit string read out: as digits, words, or words with "oh" for zero and groups."""
    style = rng.random()
    if style < 0.4:
        return digits
    if style < 0.6:
        return " ".join(digits)
    zero = rng.choice(("zero", "oh"))
    words = [zero if d == "0" else _ONES[int(d)] for d in digits]
    if len(words) > 4 and rng.random() < 0.5:
        groups = [" ".join(words[i:i + 3]) for i in range(0, len(words), 3)]
        return ", ".join(groups)
    return " ".join(words)


# ---------------------------------------------------------------- disfluency

_FILLERS = ("um", "uh", "um", "uh", "like", "you know", "I mean", "so")
_STARTERS = ("Um,", "Uh,", "So", "Okay so", "Yeah,", "Well,", "Um, so", "Oh,", "Uh, yeah,")


def disfluent(text: str, rng: random.Random, rate: float) -> str:
    """Add fillers, repeated words and restarts the way spontaneous speech has them."""
    if rate <= 0 or not text:
        return text
    words = text.split(" ")
    out: list[str] = []
    if rng.random() < rate * 1.5:
        out.append(rng.choice(_STARTERS))
        if words and words[0] not in ("I", "I'm", "I've", "I'll", "I'd"):
            words[0] = words[0][:1].lower() + words[0][1:]
    for i, word in enumerate(words):
        roll = rng.random()
        if i > 0 and roll < rate * 0.12:
            out.append(rng.choice(_FILLERS) + ",")
        elif i > 0 and roll < rate * 0.18 and len(word) <= 6 and word.isalpha():
            out.append(word)  # stutter: "I I", "the the"
        elif 1 < i < 7 and roll < rate * 0.21 and words[i - 2].isalpha() and words[i - 1].isalpha():
            out[-1] += ","  # restart near the start of a turn: "I was, I was going"
            out.extend(words[i - 2:i])
        out.append(word)
    return " ".join(out)


# ---------------------------------------------------------------- the conversation builder

class Conv:
    """Builds the turns of one call for one scenario in one industry."""

    def __init__(self, rng: random.Random, industry: Industry):
        self.rng = rng
        self.ind = industry
        self.turns: list[Turn] = []
        self._pause: float | None = None
        self.state: dict[str, object] = {}  # what a scenario remembers between its blocks
        first, last = rng.choice(CUSTOMER_FIRST), rng.choice(CUSTOMER_LAST)
        product, pprice = rng.choice(industry.products) if industry.products else ("it", 0)
        service, sprice = rng.choice(industry.services) if industry.services else ("an appointment", 0)
        acct, self.acct_kind = rng.choice(industry.account_refs)
        lo, hi = industry.quote_range
        quote = rng.randint(lo, hi)
        quote = round(quote, -3 if quote >= 20000 else -2 if quote >= 1000 else -1)
        hour = rng.choice((8, 9, 9, 10, 10, 11, 1, 1, 2, 2, 3, 3, 4))
        minute = rng.choice((0, 0, 0, 15, 30, 30, 45))
        self.slots: dict[str, str] = {
            "company": rng.choice(industry.companies),
            "agent": rng.choice(AGENT_NAMES),
            "agent2": "",  # set below: never the same name as the first agent
            "cfirst": first,
            "clast": last,
            "acct": acct,
            "product": product,
            "price": spoken_money(pprice, rng) if pprice else "free",
            "quote": spoken_money(quote, rng),
            "small_price": spoken_money(rng.choice((5, 10, 12, 15, 20, 25, 30, 40)), rng),
            "service": service,
            "service_plain": re.sub(r"\b(free|a free)\s+", lambda m: "a " if m.group(1) == "a free" else "", service),
            "price_answer": (f"<that's|it's|we charge|typically it's|right now it's> {spoken_money(sprice, rng)}" if sprice
                             else "<that's free|there's no charge for that|it's completely free|we don't charge for that>"),
            "rep": rng.choice(("Jake", "Steve", "Amanda", "Kevin", "Rachel", "Mark", "Tony", "Vanessa", "Josh", "Brittany")),
            "sprice": spoken_money(sprice, rng) if sprice else "free",
            "visit": industry.visit,
            "staff": rng.choice(industry.staff) if industry.staff else "someone on our team",
            "portal": industry.portal,
            "offer": industry.offer or "our premium service plan",
            "fulfil": rng.choice(industry.fulfil) if industry.fulfil else "delivery",
            "day": self._day(),
            "day2": self._day(),
            "alt_day": self._day(),
            "time": self._time(hour, minute),
            "time2": self._time(rng.choice((9, 10, 11, 1, 2, 3, 4)), rng.choice((0, 30))),
            "alt_time": self._time(rng.choice((9, 10, 11, 1, 2, 3, 4)), rng.choice((0, 30))),
            "window": rng.choice(("between eight and noon", "between noon and four", "between 8 and 12",
                                  "in the morning window, eight to twelve", "between one and five")),
            "street": f"{rng.randint(12, 9899)} {rng.choice(STREETS)}",
            "city": rng.choice(CITIES),
            "phone": self._phone(),
            "email": f"{first.lower()}{rng.choice(('.', '', '_'))}{last.lower().replace(chr(39), '')}"
                     f"{rng.choice(('', '', str(rng.randint(1, 99))))}@{rng.choice(EMAIL_DOMAINS)}",
            "ticket": spoken_digits(str(rng.randint(100000, 999999)), rng),
            "days": rng.choice(("three to five business days", "five to seven business days", "a couple of days",
                                "seven to ten days", "24 to 48 hours")),
            # Fresh on every use (rendered after formatting), so repeated fillers vary.
            "hi": "<Hi|Hello|Hey|Yeah, hi|Hi there|Good morning|Hi, good afternoon|Hey there|Yes, hi>",
            "ok": "<Okay|Alright|Sure|Got it|Perfect|Great|Okay, great|Sounds good|Mm-hmm, okay>",
            "thanks": "<thanks|thank you|thanks a lot|thank you so much|I appreciate it|appreciate it>",
            "sorry": "<I'm sorry|I apologize|I'm so sorry|Sorry about that|I understand, I'm sorry>",
        }
        self.slots["agent2"] = rng.choice([n for n in AGENT_NAMES if n != self.slots["agent"]])
        self.dis = {AGENT: rng.uniform(0.0, 0.12), CUSTOMER: rng.uniform(0.03, 0.35)}
        # How much a call wanders: the number of side blocks each extras() call may add.
        self.verbosity = rng.choices((0, 1, 2, 3, 5, 7, 10), weights=(15, 22, 22, 16, 12, 8, 5))[0]
        # A brisk call keeps only the turns that carry its labels: no recording notice,
        # identity check, contact details, side talk or "anything else?". Real calls
        # are often this short ("how much is a cleaning? ... you're booked for Tuesday");
        # without them the heads learn that every short call is a refusal.
        self.brisk = False

    # -- primitives

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options):
        return self.rng.choice(options)

    def render(self, template: str, **extra: str) -> str:
        slots = {**self.slots, **extra} if extra else self.slots
        return expand(template.format_map(slots), self.rng)

    def say(self, speaker: str, options: tuple[str, ...], *, kind: str = TALK, fluent: bool = False,
            **extra: str) -> None:
        text = self.render(self.rng.choice(options), **extra)
        if kind == TALK and not fluent:
            text = disfluent(text, self.rng, self.dis[speaker])
        self.turns.append(Turn(speaker, text, kind, self._pause))
        self._pause = None

    def a(self, *options: str, **extra: str) -> None:
        """An agent (business side) turn: one of the given templates."""
        self.say(AGENT, options, **extra)

    def u(self, *options: str, **extra: str) -> None:
        """A customer (remote side) turn: one of the given templates."""
        self.say(CUSTOMER, options, **extra)

    def rec(self, speaker: str, *options: str, **extra: str) -> None:
        """A prerecorded message on the given side."""
        self.say(speaker, options, kind=RECORDING, **extra)

    def pause(self, low: float, high: float) -> None:
        """Silence before the next turn (hold music, dead air, a caller thinking)."""
        self._pause = self.rng.uniform(low, high)

    # -- spoken values

    def _phone(self) -> str:
        area = self.rng.choice(("312", "415", "512", "614", "704", "813", "919", "303", "206", "617"))
        line = f"{self.rng.randint(0, 9999):04d}"
        style = self.rng.random()
        if style < 0.45:
            return f"{area}-555-{line}"
        if style < 0.6:
            return f"({area}) 555-{line}"
        return spoken_digits(area, self.rng) + ", " + spoken_digits("555", self.rng) + ", " + spoken_digits(line, self.rng)

    def _day(self) -> str:
        weekday = self.rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"))
        n = self.rng.randint(2, 28)
        month = self.rng.choice(("March", "April", "May", "June", "October", "November"))
        return self.rng.choice((
            weekday, weekday, f"this {weekday}", f"next {weekday}", "tomorrow", "tomorrow",
            f"{weekday} the {ordinal_words(n)}", f"{month} {ordinal_digits(n)}", f"the {ordinal_digits(n)}",
            f"{weekday}, {month} {n}",
        ))

    def _time(self, hour: int, minute: int) -> str:
        ampm = "a.m." if hour >= 8 and hour < 12 else "p.m."
        style = self.rng.random()
        if style < 0.35:
            return f"{hour}:{minute:02d}" + (f" {ampm}" if self.rng.random() < 0.5 else "")
        if style < 0.65:
            tail = {0: "o'clock", 15: "fifteen", 30: "thirty", 45: "forty-five"}[minute]
            return f"{number_words(hour)} {tail}"
        if minute == 30 and style < 0.8:
            return f"half past {number_words(hour)}"
        if minute == 0:
            return f"{number_words(hour)} {ampm}" if style < 0.9 else f"{hour} {ampm.replace('.', '').upper()}"
        return f"{hour}:{minute:02d}"

    def ref_answer(self) -> str:
        """The customer's answer to the identity question, in the kind the industry uses."""
        kind = self.acct_kind
        rng = self.rng
        if kind == "digits":
            return spoken_digits(str(rng.randint(10_000_000, 99_999_999))[: rng.choice((6, 8, 8, 10))], rng)
        if kind == "phone":
            return self.slots["phone"]
        if kind == "last4":
            return spoken_digits(f"{rng.randint(0, 9999):04d}", rng)
        if kind == "dob":
            month = rng.choice(("January", "March", "June", "July", "September", "December", "4", "11"))
            day, year = rng.randint(1, 28), rng.randint(1948, 2004)
            if month.isdigit():
                return f"{month}/{day}/{year}" if rng.random() < 0.5 else f"{month} {day} {year % 100:02d}"
            return f"{month} {ordinal_digits(day) if rng.random() < 0.5 else ordinal_words(day)}, {year}"
        if kind == "email":
            return self.slots["email"].replace("@", rng.choice((" at ", "@"))).replace(".com", rng.choice((" dot com", ".com")))
        if kind == "address":
            return f"{self.slots['street']}<, in {self.slots['city']}|>"
        return f"{self.slots['cfirst']} {self.slots['clast']}"

    # -- common blocks

    def greet(self) -> None:
        """Inbound answer: optional recording notice, then the agent's greeting."""
        if self.brisk:
            self.a("{company}<, this is {agent}|>.", "<Hi|Hello>, {company}<, how can I help|>?", "{company}, {agent} speaking.",
                   "Thanks for calling {company}<, this is {agent}|>.")
            return
        if self.chance(0.25):
            self.rec(AGENT, "This call may be recorded for quality and training purposes.",
                     "Thank you for calling {company}. Your call may be monitored or recorded.",
                     "Thank you for calling {company}. <Please hold while we connect you.|Para español, oprima dos.|>")
            self.pause(0.5, 6)
        if self.chance(0.06):  # a bare greeting: the coach flags these
            self.a("{company}.", "Hello?", "Yeah, {company}.")
            return
        self.say(
            AGENT, (
            "<Thank you for calling|Thanks for calling> {company}, <this is|my name is|you've got> {agent}, <how can I help you|how may I help you|what can I do for you|how can I help> <today|>?",
            "<Good morning|Good afternoon>, {company}, this is {agent}<, how can I help you|, how may I help you|>?",
            "{company}, {agent} speaking<, how can I help|, what can I do for you|>?",
            "Hi, you've reached {company}, this is {agent}. How can I help?",
            "{company}, this is {agent}.",
            ), fluent=self.chance(0.8))

    def open_outbound(self, reason: str) -> None:
        """Outbound opening: ask for the customer, introduce, state the reason."""
        self.u("Hello?", "Hello, this is {cfirst}.", "Yeah, hello?", "{cfirst} speaking.", "Hi, who's this?")
        self.a("<Hi|Hello|Good afternoon>, <is this|may I speak with|can I speak to> {cfirst}<?| {clast}?>",
               "Hi, I'm looking for {cfirst} {clast}?")
        self.u("<Yes, this is|Speaking|This is {cfirst}|Yeah, that's me>.", "Yes?", "Who's calling?")
        self.a("Hi {cfirst}, this is {agent} <calling from|with|over at> {company}. " + reason,
               "<Hey|Hi> {cfirst}, it's {agent} from {company}. " + reason)

    def verify(self) -> None:
        """Identity check with the industry's account reference."""
        if self.brisk:
            return
        self.a("<Sure|Absolutely|Of course|I can help with that>. <First,|To start,|> <can I get|could I have|can you give me> {acct}<, please|>?",
               "<Okay|Sure>, <let me pull up your account|let me look you up>. What's {acct}?",
               "I'd be happy to help. Can you verify {acct} for me?")
        self.u("<Yeah,|Sure,|Um,|It's|Yes, it's|> " + self.ref_answer() + ".",
               "<Hang on, let me find it.|One sec.|Uh, I think it's> " + self.ref_answer() + ".")
        if self.chance(0.2):
            self.a("Hmm, I'm not finding that. Could you <read it again|repeat that> for me?",
                   "Sorry, I didn't catch that, can you say it one more time?")
            self.u("Sure, " + self.ref_answer() + ".", "Oh, sorry, it's " + self.ref_answer() + ".")
        if self.chance(0.45):
            self.a("And can I get the name on the account?", "And can you confirm your full name?",
                   "And who am I speaking with?")
            self.u("{cfirst} {clast}.", "It's {cfirst} {clast}.", "{cfirst}, {clast}.")
        self.a("<Thank you|Thanks|Perfect|Great>, {cfirst}<. I've got your account up| I see it here|, I have it pulled up|>.",
               "Okay, <I found you|got it>, thank you {cfirst}.")
        self.extras()

    def hold(self, *, long: bool = False) -> None:
        """The agent puts the caller on hold and comes back."""
        self.a("<Let me put you on a quick hold|Can I place you on a brief hold|Do you mind if I put you on hold for a minute> while I <look into that|check on that|pull that up|check with my team>?",
               "<Give me just a minute|Bear with me one moment|One moment please> while I <look into that|check on that|pull that up>.",
               "Let me check on that, <one second|just a sec|hang on>.")
        if self.chance(0.7):
            self.u("<Sure|Okay|No problem|Yeah, go ahead|That's fine|Mm-hmm>.")
        if long:
            self.pause(30, 180)
        else:
            self.pause(6, 75)
        self.a("<Thank you for holding|Thanks for your patience|Sorry about the wait|Okay, I'm back|Thanks for waiting>, {cfirst}.",
               "<Okay|Alright>, <thank you for holding|sorry about that>.",
               "Hi, are you still there? <Thank you for holding.|Sorry for the wait.>")
        if self.chance(0.5):
            self.u("<Yep|Yeah|I'm here|Still here>.")

    def smalltalk(self) -> None:
        """A little talk that carries no label signal."""
        if self.brisk:
            return
        pair = self.rng.randrange(6)
        if pair == 0:
            self.a("How's your day going so far?", "How are you doing today?")
            self.u("<Oh, not bad|Pretty good|Busy, but good|It's going>, <you|how about you>?")
            self.a("<Can't complain|Doing well, thanks for asking|Hanging in there>.")
        elif pair == 1:
            self.u("Sorry, I'm in the car, so if I cut out just let me know.", "Sorry, it's loud here, my kids are home.")
            self.a("<No worries|No problem at all|That's okay>, I can hear you fine.")
        elif pair == 2:
            self.a("Sorry, my system's running a little slow today.", "Bear with me, my computer is being slow this morning.")
            self.u("<That's okay|No problem|Happens to the best of us>.")
        elif pair == 3:
            self.u("Crazy weather we're having, huh?", "Can you believe this heat?", "Is it raining over there too?")
            self.a("<Oh, I know|Tell me about it|I know, right>, <it's been wild|I'm ready for spring|it's been nonstop>.")
        elif pair == 4:
            self.a("Oh, you're in {city}? My sister lives out there.", "I see you've been with us a while, we appreciate that.")
            self.u("<Oh yeah?|Oh, nice.|Yeah, a long time.>")
        else:
            self.u("Sorry, give me one second, my dog is barking.", "Hold on one sec, someone's at the door.")
            self.pause(2, 8)
            self.u("Okay, sorry about that.", "Sorry, I'm back.")
            self.a("<No problem|You're fine|No worries>.")

    def take_contact(self, *fields: str) -> None:
        """Collect contact details with read-backs: name, phone, email, address."""
        if self.brisk:
            return
        for field in fields:
            if field == "name":
                self.a("<Can I get|And can I get|What's> your <first and last name|name|full name>?")
                self.u("{cfirst} {clast}.", "It's {cfirst}, last name {clast}.")
                if self.chance(0.4):
                    self.a("How do you spell the last name?")
                    self.u(" ".join(self.slots["clast"].upper().replace("'", "")) + ".")
            elif field == "phone":
                self.a("<And|> <what's the best number to reach you|a good callback number|your phone number>?")
                self.u("<It's|Sure, it's|> {phone}.")
                if self.chance(0.6):
                    self.a("<Okay, I have|Let me read that back,|So that's> {phone}<, correct|, is that right>?")
                    self.u("<Yep|That's right|Correct|Mm-hmm>.")
            elif field == "email":
                self.a("<And|> <what's a good email|can I get an email address> <for you|to send that to>?")
                self.u("<Sure, it's|It's|> " + self.slots["email"].replace("@", " at ").replace(".", " dot ") + ".")
                self.a("<Got it|Okay|Perfect>.")
            elif field == "address":
                self.a("<And|> what's the address <there|of the property|for the service|for delivery>?")
                self.u("{street}<, {city}|>.")
                self.a("<Okay|Got it|And that's in {city}?>")
                if self.chance(0.4):
                    self.u("<Yep|Correct|Yes>.")

    def extras(self) -> None:
        """Side talk that carries no label signal, more of it in wordier calls."""
        if self.brisk:
            return
        blocks = (self.smalltalk, self._background, self._confirm_detail, self._side_question,
                  self._clarify, self._note, self._ask_someone, self.hold, self._spell_out, self._disclosure)
        for _ in range(self.rng.randint(0, self.verbosity)):
            self.rng.choice(blocks)()

    def _background(self) -> None:
        pair = self.rng.randrange(6)
        lines = (
            ("I've been a customer for, gosh, like ten years now.", "Oh wow, <thank you for being with us so long|we appreciate that>."),
            ("My <daughter|son|husband> usually handles this stuff, but <she's|he's> <away|traveling> this week.", "No problem, I can walk you through it."),
            ("I tried calling yesterday but <the line was busy|nobody picked up|I was on hold forever>.", "<Sorry about that|I apologize>, <we had a lot of calls yesterday|it's been busy this week>."),
            ("I'm not very good with <computers|this stuff|phones>, so bear with me.", "<That's okay|No problem at all>, we'll go <slow|step by step>."),
            ("I'm at work, so I might have to <step away|put you on mute> for a second.", "<No problem|That's fine>."),
            ("<Honestly|To be honest>, <this week has been crazy|I've had a long day|it's been one thing after another>.", "<Oh, I hear you|I'm sorry to hear that|I totally get it>."),
        )[pair]
        self.u(lines[0])
        self.a(lines[1])

    def narrate(self) -> None:
        """The customer tells the back story of a problem over a few turns, the agent listening."""
        lines = [
            "<So|Okay, so> <this started|it all started> <{day2}|last week|a couple of days ago|over the weekend>.",
            "<I already|I've already|I even> <tried calling|called> <once|yesterday|twice> and <nobody called me back|they said it would be fixed|I was on hold for forty minutes>.",
            "<I looked online|I checked the website|I tried the app> and <couldn't find anything|it didn't help|it just sent me in circles>.",
            "<And|But> <I work from home|I have kids|I'm busy>, so <I really need this sorted out|I can't keep dealing with this|I don't have time for this>.",
            "<My neighbor said|My wife said|Somebody told me> <the same thing happened to them|you guys could fix it quick|to just call you directly>.",
        ]
        self.rng.shuffle(lines)
        for line in lines[: self.rng.randint(2, 4)]:
            self.u(line)
            if self.chance(0.6):
                self.a("<Okay.|Mm-hmm.|I see.|Oh, I'm sorry.|Got it.|Right.|Oh no.>")

    def _confirm_detail(self) -> None:
        self.a("<Just to confirm|While I have you|Real quick>, is the best number for you still {phone}?",
               "<And|Also,> <is your email still|do we still have your email as> {email}?")
        if self.chance(0.75):
            self.u("<Yes|Yep, that's right|Yes, that's still good|Mm-hmm>.")
        else:
            self.u("<No, actually|Oh, no,> <that's my old one|I changed it>.")
            self.a("<Okay, what's the new one?|Let me update that.>")
            self.u("<It's|Sure, it's> {phone}.")
            self.a("<Got it, updated|Okay, I've updated it>.")

    def _side_question(self) -> None:
        self.u("<Oh, and|Also,|Oh, before I forget,> <while I have you,|> <what are your hours on Saturday|are you open on the holiday|do you have a location closer to {city}>?")
        self.a("<We're open nine to two on Saturdays|We're closed on the holiday but open the day after|Our only location is here on {street}, sorry>.")
        if self.chance(0.5):
            self.u("<Okay, good to know|Got it|Okay>.")

    def _clarify(self) -> None:
        self.u("<Sorry, can you repeat that?|Wait, what was that?|Sorry, you cut out for a second.|I'm sorry, say that again?>")
        last = self.turns[-2].text if len(self.turns) > 1 and self.turns[-2].speaker == AGENT else ""
        if last and len(last.split()) < 30:
            self.a("<Sure.|Of course.|No problem.> " + last.replace("{", "(").replace("}", ")").replace("<", "").replace(">", ""))
        else:
            self.a("<Sure, sorry.|Of course.> <I was just saying we'll get that taken care of.|I said let me check on that.>")

    def _spell_out(self) -> None:
        self.a("<Can you spell your last name for me?|How do you spell your last name?|And your last name, how's that spelled?>")
        letters = [ch for ch in self.slots["clast"].upper() if ch.isalpha()]
        style = self.rng.random()
        if style < 0.5:
            spelled = " ".join(letters)
        elif style < 0.8:
            spelled = "-".join(letters)
        else:  # NATO-ish: "S as in Sam"
            words = {"A": "apple", "B": "boy", "C": "cat", "D": "dog", "E": "Edward", "M": "Mary", "N": "Nancy",
                     "P": "Paul", "R": "Robert", "S": "Sam", "T": "Tom"}
            spelled = ", ".join(f"{ch} as in {words[ch]}" if ch in words and self.chance(0.5) else ch for ch in letters)
        self.u("<It's|Sure,|> " + spelled + ".")
        self.a("<Got it|Thank you|Perfect>.")

    def _disclosure(self) -> None:
        self.a("<Just so you know, this call is being recorded.|For security, I'll need to send a code to your phone.|Before we go on, I have to read a short disclosure.> <Is that okay?|Okay?|>")
        self.u("<Sure|That's fine|Okay|Go ahead>.")

    def _note(self) -> None:
        self.a("<Let me just make a note of that on your account.|I'm going to add a note here so anyone you talk to can see it.|Let me document that real quick.>")
        self.pause(1, 6)
        self.u("<Okay|Sure|Mm-hmm|Thank you>.")

    def _ask_someone(self) -> None:
        self.u("<Hold on, let me ask my <wife|husband|boss|roommate>.|One second, my <wife|husband> is saying something.>")
        self.pause(3, 12)
        self.u("<Okay, sorry.|Sorry about that.|Okay, I'm back.> <She says that's fine.|He had a question but never mind.|Go ahead.>")
        self.a("<No problem|No worries|You're fine>.")

    # -- shared phrase banks for the label-bearing moments. Every scenario with the same
    # label draws from the same banks (plus its own lines), so held-out scenarios share
    # the ways people say "transfer", "escalate", "that fixed it", as real calls do.

    def transfer(self, dept: str, *, person: str = "", intro: bool = True) -> None:
        """The agent hands the call to another department or person; optionally they pick up.

        ``person`` (``"supervisor"``) makes the new voice introduce themself by role.
        """
        self.a("<Let me|I'm going to|I'll> transfer you <over|> to {dept}<, they can help you with that|, they handle that|>.",
               "I'm going to <connect you with|put you through to|send you over to> {dept}. <One moment.|Please hold.|Stay on the line.|>",
               "<Okay,|Alright,> <hold on|one second|bear with me>, I'll get {dept} on the line.",
               "<That's|This is> something {dept} <handles|needs to look at>, so I'm transferring you <now|over>. <Please hold.|>",
               "I'm going to hand you <over|off> to {dept}<, they'll take it from here|>.",
               "Let me bring in {dept}<, they'll know more than me|>.",
               "<Please hold while I|I'll> <transfer|connect> you to {dept}.", dept=dept)
        if self.chance(0.7):
            self.u("<Okay|Sure|Thanks|Fine|Okay, thank you|Alright>.")
        self.pause(6, 75)
        if intro and person:
            self.a("<Hi|Hello> {cfirst}, this is {agent2}, I'm the {person}<. I've got the notes from {agent}.|.|, what's going on?>",
                   "{agent2} here, I'm the {person}. <{agent} told me what happened.|I understand there's a problem?|>",
                   "<Hi, thanks for holding.|Hello.> My name's {agent2}, I'm <the {person}|one of the {person}s> here.", person=person)
        elif intro:
            who = dept.replace("our ", "the ").replace("my ", "the ")
            self.a("<Hi|Hello|Thanks for holding>, this is {agent2} <with|in|from> {who}. <How can I help?|I understand you need some help?|I've got the notes here.|>",
                   "{agent2} <speaking|here>, <with|in> {who}. <What can I do for you?|I see the notes from {agent}.|>",
                   "Hi {cfirst}, {agent2} <here|speaking>, <I'm with|from> {who}. <{agent} filled me in.|I just spoke with {agent}.|>", who=who)

    def escalate_promise(self, team: str) -> None:
        """The agent promises to escalate; the escalated team will act later."""
        self.a("I'm <going to escalate|escalating> this to {team}<, and they'll reach out|, they'll contact you> <within {days}|by tomorrow|as soon as possible>.",
               "I'll escalate <this|your case> to {team}. <You should hear from them|They'll call you> within {days}.",
               "Let me <send this up|kick this up> to {team}<, they have more access than I do|>. <They'll follow up with you|Someone will call you> within {days}.",
               "I've <submitted|opened> an escalation <with|to> {team}<, reference number {ticket}|>. <They'll get back to you|Expect a call> within {days}.",
               "I'm flagging this for {team}<, it's above what I can do|>. <They'll reach out|You'll get a call> <within {days}|tomorrow>.",
               "I'll have {team} <call you back|reach out to you> <about this|> <within {days}|tomorrow>.",
               "This needs to go to {team}. I'm <escalating it now|putting in the escalation now>, <and they'll be in touch|you'll hear back> within {days}.",
               team=team)

    def offer_transfer(self, dept: str) -> None:
        """The agent offers a transfer she will not carry out (she solves it or the customer declines)."""
        self.a("I could transfer you to {dept}, but <let me try something first|I think I can handle this myself|let me see what I can do>.",
               "<Normally|Usually> I'd <send you to|transfer you to> {dept}, but <I can actually do this for you|I think I've got it|let me give it a shot>.",
               "Do you want me to transfer you to {dept}, or <should I|do you want me to> <try|give it a shot> <first|myself>?",
               "If this doesn't work, I can <transfer you|get you over> to {dept}. <But let's try this first.|Let's see.>",
               "I can <transfer you|put you through> to {dept} if you want, <but I'm pretty sure I can fix it|but let me look first>.",
               dept=dept)
        if self.chance(0.7):
            self.u("<You try first|Let's try with you first|Please, I don't want to be transferred|No, let's try it|Go ahead and try>.",
                   "<Sure, go ahead|Okay, try it|If you can do it, great>.")

    def confirm_fixed(self, specific: str = "") -> None:
        """The customer, not the agent, says the need is met."""
        options = ["<Yep|Yes|Oh|Okay>, <that did it|that worked|that fixed it|there it is|it's working now|it works now|we're good>.",
                   "<Oh perfect|Oh great|Awesome>, <that's exactly what I needed|that's all I needed|that's it>.",
                   "<Okay,|Oh,> <I see it now|it went through|it's fixed|now it works>. {thanks}."]
        if specific:
            options += ["{r}.", "<Oh,|Okay,|Hey,> {r}.", "<Yep, that did it|Yes! That worked|It works now>, {r}."]
        self.u(*options, r=specific)

    def done(self) -> None:
        """The agent states the request is done."""
        self.a("<Okay,|Alright,|Great,|So> <that's all taken care of|you're all set|that's done|I've taken care of that|that's been processed|it's fixed on our end|that's been updated>.")

    def no_fix(self) -> None:
        """The agent runs out of options and offers no plan."""
        self.a("<I'm sorry,|Unfortunately,> <there's nothing else I can do|I'm not able to do anything more|I don't have any other options for you|that's all I can do from here|my hands are tied>.",
               "<I'm sorry, but|Unfortunately> <we can't|I can't> <change that|do that|waive that|fix that from here>.",
               "I don't <really|> know what else to <tell you|try>, <I'm sorry|sorry>.",
               "<I'm sorry, I'm out of ideas on my end.|I've tried everything I can from here.>")

    def unhappy_ack(self) -> None:
        """The customer accepts that nothing more will happen — sometimes politely."""
        self.u("<Okay. Well, thanks anyway.|Fine. Whatever.|So I'm just stuck with it?|That's really frustrating.|Great, so nothing.|Alright, I guess I'll figure it out myself.|Okay, thanks for trying.|Okay. Thank you.>")

    def follow_up(self, kind: str, *, who: str = "") -> None:
        """A promise that the need will be met after the call (not an escalation)."""
        if kind == "ticket":
            self.a("I've <opened|created|logged> a ticket<, number {ticket}|>. <We'll|Someone will> <follow up|get back to you|update you> within {days}.",
                   "<Let me|I'm going to> <open a ticket|put in a ticket> for this. <You'll get an email with the number,|The number is {ticket},> and we'll <update you|follow up> within {days}.")
        elif kind == "callback":
            self.a("I'll <look into it|check on that|find out> and <call you back|give you a call back> <tomorrow|this afternoon|by {day}>.",
                   "<Let me|I need to> <check with|confirm with> <billing|the office|my team> <first|>, and I'll <call you back|get back to you> <today|tomorrow|by {day}>.")
        elif kind == "visit":
            self.a("<I'm sending|We'll send|I've scheduled> {who} <out|> {day} {window}.",
                   "<I've booked|I have> {who} <to come out|for a visit> {day} at {time}.", who=who or "a technician")
        elif kind == "email":
            self.a("I'll <email you|send you> <the answer|an update|the details> <by end of day|tomorrow|this afternoon>.")
        else:  # waiting on a process
            self.a("<It's been submitted|I've put in the request|That's in process now>, <it takes|you'll see it in|give it> {days}.")

    def close(self, *, mood: str = "ok", ask_more: bool | None = None) -> None:
        """The agent's closing; mood is how the customer answers (ok, flat, angry).

        ``ask_more`` forces (True) or skips (False) the "anything else?" question.
        """
        self.extras()
        if self.brisk and ask_more is not True:
            if self.chance(0.5):
                self.a("<Okay, bye|Thanks, bye|Great, see you then|You're welcome, bye|Take care>.")
            return
        if ask_more if ask_more is not None else self.chance(0.85):
            self.a("<Is there anything else I can help you with|Anything else I can do for you|Was there anything else|Can I help with anything else> <today|>?",
                   "Is there anything else <I can help with|you need> <today|while I have you>?")
            if mood == "ok":
                self.u("<No, that's it|Nope, that's all|No, I think that's everything|No, that'll do it>, {thanks}.",
                       "<That's all|That's it> for today, {thanks}.")
            elif mood == "flat":
                self.u("No. <I guess not.|That's it.|I guess that's it.>", "Nope.", "No, <that's it|not really>.")
            else:
                self.u("No. <Just fix it.|Nothing else.|Not unless you can actually help me.>")
        if mood == "angry":
            self.a("<Okay|I understand>. <Thank you for calling|Thanks for calling> {company}.")
            return
        self.a("<Thanks for calling|Thank you for calling|Thank you for choosing> {company}<, {cfirst}|>, <have a great day|take care|have a good one|have a good rest of your day>.",
               "<You're welcome|My pleasure>, {cfirst}. <Have a great day|Take care|Have a good one>.",
               "<Alright|Okay>, <thanks|thank you> {cfirst}, bye bye.")
        if self.chance(0.6):
            self.u("<Bye|You too, bye|Thanks, bye|Bye bye|You too>.")
