"""German-looking funding prose for the synthetic catalogues.

Real texts are bursty: every call says "Förderung" and "Projekte", but only a
few talk about "Sprachkurse", and those say it several times. Drawing words
independently would put every mid-frequency word into half the catalogue and
make text searches unrealistically unselective. So the text is one long
stream of segments; each segment mixes the general vocabulary (function
words, adjectives, verbs, the 50 most common nouns) with a dozen topic nouns
drawn with Zipf weights (rank r weighs 1/r) from the long tail of the noun
list. A programme's description and goals are cut from one random offset of
the stream, its title reuses their topic nouns — so a title word is usually
in the description too, as in real entries.

Cutting from a precomputed stream also keeps generation fast: one slice per
text instead of ~30 million random draws at 100k programmes.
"""

import itertools

from bench import words

STREAM_LENGTH = 2_000_000
SEGMENT = 250
TOPIC_NOUNS = 12
GENERAL_NOUNS = 50
# Shares of the general vocabulary in running text; the rest are topic nouns.
GENERAL_SHARES = {"noun": 0.27, "function": 0.28, "adjective": 0.14, "verb": 0.13}
TOPIC_SHARE = 0.18
ADJECTIVE_ENDINGS = ["e", "en", "er", "es", "en"]
CONNECTORS = ["für", "und", "im", "zur", "mit", "in"]


def zipf_weights(count, share, exponent=1.0):
    """Weights 1/rank**exponent scaled to add up to `share`."""
    weights = [1 / rank**exponent for rank in range(1, count + 1)]
    total = sum(weights)
    return [w * share / total for w in weights]


def _nouns(rng):
    """The core nouns first (most frequent), then the compounds in a seeded
    random order as the rare tail."""
    compounds = [head + tail for head in words.COMPOUND_HEADS for tail in words.COMPOUND_TAILS]
    compounds = sorted(set(compounds) - set(words.NOUNS))
    rng.shuffle(compounds)
    return words.NOUNS + compounds


def _inflected_adjectives():
    return [adj + ending for adj in words.ADJECTIVES for ending in ADJECTIVE_ENDINGS]


class Prose:
    """Titles, paragraphs and bullet lists from one seeded random source."""

    def __init__(self, rng):
        self.rng = rng
        self.nouns = _nouns(rng)
        self.adjectives = _inflected_adjectives()
        self.topic_nouns = set(self.nouns[GENERAL_NOUNS:])
        self.stream = self._bursty_stream()

    def _bursty_stream(self):
        population, weights = [], []
        for name, pool in [
            ("noun", self.nouns[:GENERAL_NOUNS]),
            ("function", words.FUNCTION_WORDS),
            ("adjective", self.adjectives),
            ("verb", words.VERBS),
        ]:
            population += pool
            weights += zipf_weights(len(pool), GENERAL_SHARES[name])
        general = list(itertools.accumulate(weights))
        tail = self.nouns[GENERAL_NOUNS:]
        tail_weights = list(itertools.accumulate(zipf_weights(len(tail), 1.0)))
        rng, stream = self.rng, []
        while len(stream) < STREAM_LENGTH:
            topic = rng.choices(tail, cum_weights=tail_weights, k=TOPIC_NOUNS)
            segment = rng.choices(population, cum_weights=general, k=SEGMENT)
            for i in range(SEGMENT):
                if rng.random() < TOPIC_SHARE:
                    segment[i] = rng.choice(topic)
            stream += segment
        return stream

    def words(self, count):
        start = self.rng.randrange(len(self.stream) - count)
        return self.stream[start : start + count]

    def sentences(self, tokens):
        """Tokens as sentences of 6–18 words."""
        out, i = [], 0
        while i < len(tokens):
            length = self.rng.randint(6, 18)
            sentence = tokens[i : i + length]
            out.append(sentence[0][:1].upper() + sentence[0][1:] + " " + " ".join(sentence[1:]) + ".")
            i += length
        return out

    def paragraphs(self, tokens):
        """Markdown: the tokens as up to three paragraphs."""
        sentences = self.sentences(tokens)
        cut = sorted(self.rng.sample(range(1, len(sentences)), min(2, len(sentences) - 1)))
        parts = [sentences[a:b] for a, b in zip([0, *cut], [*cut, len(sentences)], strict=True)]
        return "\n\n".join(" ".join(part) for part in parts if part)

    def bullets(self, tokens):
        """Markdown: the tokens as a bullet list."""
        return "\n".join("- " + s.rstrip(".") for s in self.sentences(tokens))

    def title(self, count, topic):
        """A title of `count` words: a head ("Förderprogramm"), then mostly
        the topic nouns of the entry, some adjectives and general nouns,
        joined by the connectors real titles use."""
        body = []
        for _ in range(count - 1):
            roll = self.rng.random()
            if topic and roll < 0.5:
                body.append(self.rng.choice(topic))
            elif roll < 0.75:
                body.append(self.rng.choice(self.adjectives))
            else:
                body.append(self.rng.choice(self.nouns[:GENERAL_NOUNS]))
        for i in range(2, len(body), 3):
            body[i] = self.rng.choice(CONNECTORS)
        return " ".join([self.rng.choice(words.TITLE_HEADS), *body])

    def entry(self, title_words, text_words, goals_words):
        """(title, description, goals) of one entry, sharing one topic;
        each argument is a (low, high) range of words."""
        lengths = [self.rng.randint(*text_words), self.rng.randint(*goals_words)]
        tokens = self.words(sum(lengths))
        topic = [t for t in tokens if t in self.topic_nouns]
        title = self.title(self.rng.randint(*title_words), topic)
        return title, self.paragraphs(tokens[: lengths[0]]), self.bullets(tokens[lengths[0] :])
