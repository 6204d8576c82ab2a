"""The Fördercheck over a whole catalogue, in the order of the page:
fitting first, then "maybe", then not fitting; among equals more soft
matches (target group, integration area) first, then the closest deadline,
then the title.

Per request the rules run once per distinct value of what they read, not
once per programme: 10,000 programmes have a few hundred distinct regions
lists, a few thousand distinct deadlines. `FactsTable` groups the
programmes by those values once (it can be kept while the catalogue does
not change); `rank()` then works column by column over plain lists and
builds an Assessment with its Reasons only for the programmes a page shows.

    table = FactsTable(load_facts(published(Programme.objects.all())))
    ranking = rank(table, profile)
    ranking.counts                      # {"yes": 12, "maybe": 5, "no": 9983}
    [ranking.assessment(p) for p in ranking.order[:20]]
"""

from datetime import date

from .eligibility import HARD, RULES, SOFT, Criterion, Fit, assessment

FIT_CODES = {Fit.YES: 0, Fit.MAYBE: 1, Fit.NO: 2}
DEADLINE = [criterion for criterion, _rule, _reads in RULES].index(Criterion.DEADLINE)
KEPT_START_DAYS = 8
NO_DEADLINE = date.max.toordinal()


class FactsTable:
    """Programmes grouped, rule by rule, by the values the rule reads."""

    def __init__(self, facts):
        self.facts = list(facts)
        alphabetical = sorted(range(len(self.facts)), key=lambda p: self.facts[p].title.casefold())
        self.title_ranks = [0] * len(self.facts)
        for rank_, programme in enumerate(alphabetical):
            self.title_ranks[programme] = rank_
        self.samples = []  # per rule: one Facts for each distinct value
        self.positions = []  # per rule: per programme, the index of its value
        for _criterion, _rule, reads in RULES:
            distinct, positions = {}, []
            for facts in self.facts:
                key = tuple(getattr(facts, name) for name in reads)
                if key not in distinct:
                    distinct[key] = (len(distinct), facts)
                positions.append(distinct[key][0])
            self.samples.append([sample for _position, sample in distinct.values()])
            self.positions.append(positions)
        self._by_start = {}  # {start: [deadline Reason per distinct deadlines]}

    def deadline_reasons(self, rule, profile):
        """The deadline rule reads only the start, which is today for nearly
        every check: its reasons (thousands of distinct deadlines at 10,000
        programmes) are kept per start day, for a few days at a time."""
        start = profile.start
        if start not in self._by_start:
            if len(self._by_start) >= KEPT_START_DAYS:
                self._by_start.clear()
            self._by_start[start] = [rule(sample, profile) for sample in self.samples[DEADLINE]]
        return self._by_start[start]

    def __len__(self):
        return len(self.facts)


class Ranking:
    def __init__(self, table, profile, reasons, fits, order):
        self.table, self.profile, self.reasons, self.fits, self.order = table, profile, reasons, fits, order

    @property
    def counts(self):
        codes = {code: fit for fit, code in FIT_CODES.items()}
        counts = dict.fromkeys(Fit.values, 0)
        for code in self.fits:
            counts[codes[code]] += 1
        return counts

    def assessment(self, programme):
        """The Assessment of the programme at this index of the table."""
        reasons = tuple(
            by_value[positions[programme]]
            for by_value, positions in zip(self.reasons, self.table.positions, strict=True)
        )
        return assessment(self.table.facts[programme], reasons, self.profile.start)


def _column(values, positions):
    return [values[p] for p in positions]


def _by_value(rule, samples, profile):
    """The rule's Reason for each sample. A question the seeker left open
    gives the same unchecked Reason whatever the programme says, so the rule
    runs once for it."""
    if not samples:
        return []
    first = rule(samples[0], profile)
    if not first.checked:
        return [first] * len(samples)
    return [first, *(rule(sample, profile) for sample in samples[1:])]


def _reasons(table, profile):
    """Per rule, the Reason for each distinct value it reads."""
    return [
        table.deadline_reasons(rule, profile)
        if index == DEADLINE
        else _by_value(rule, table.samples[index], profile)
        for index, (_criterion, rule, _reads) in enumerate(RULES)
    ]


def rank(table, profile):
    """The Ranking of every programme of `table` for `profile`."""
    reasons = _reasons(table, profile)
    hard, soft = [], []
    for (criterion, _rule, _reads), by_value, positions in zip(RULES, reasons, table.positions, strict=True):
        if criterion in HARD:
            hard.append(_column([FIT_CODES[r.fit] for r in by_value], positions))
        elif criterion in SOFT:
            # negative, so that more matches sort first
            soft.append(_column([-1 if r.checked and r.fit == Fit.YES else 0 for r in by_value], positions))
    fits = list(map(max, *hard)) if table.facts else []
    fewer_soft = [sum(values) for values in zip(*soft, strict=True)] if table.facts else []
    # A deadline that fits names the next one on or after the start as its `date`.
    upcoming = [r.params.get("date") for r in reasons[DEADLINE]]
    closest = _column([d.toordinal() if d else NO_DEADLINE for d in upcoming], table.positions[DEADLINE])
    keys = [_sort_key(*values) for values in zip(fits, fewer_soft, closest, table.title_ranks, strict=True)]
    return Ranking(table, profile, reasons, fits, sorted(range(len(table)), key=keys.__getitem__))


def _sort_key(fit, fewer_soft, closest, title_rank):
    """(fit, fewer_soft, closest, title_rank) as one integer, which sorts many
    times faster than the tuple: fit 0–2, soft matches -2–0, day ordinals
    below 2^22, title ranks below 2^24."""
    return ((((fit * 4 + fewer_soft + 2) << 22) + closest) << 24) + title_rank
