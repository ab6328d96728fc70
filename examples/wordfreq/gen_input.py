#!/usr/bin/env python3
"""Deterministic English-like text for the wordfreq example.

    python3 gen_input.py N_WORDS [SEED] > file.txt

Writes exactly N_WORDS words (as the tokenizer counts them) drawn from a fixed vocabulary
of 120 common English words and 3,000 made-up ones, with a Zipf-like distribution (the
word of rank r has weight 1 / (r + 2.7)^1.07), in sentences (first word capitalised, commas,
'.', '?' and '!'), lines of at most 72 characters and paragraphs separated by blank lines.
A few words are possessives ("grombel's": one word for the tokenizer), a few are in
single quotes ('word': the quotes are not part of it) and a few are in capitals. The same
N_WORDS and SEED always give the same bytes (Python's random.Random, version 2 seeding).
"""
import random
import sys

COMMON = """the of and to a in is it that was he for on are as with his they at be this from
i have or by one had not but what all were when we there can an your which their said if
do will each about how up out them then she many some so these would other into has more
her two like him see time could no make than first been its who now people my made over
did down only way find use may water long little very after words called just where most
know get through back much go good new write our me man too any day same right look think
also around another came come work three""".split()

ONSETS = ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l",
          "m", "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v",
          "w", "wh", "z", ""]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "y"]
CODAS = ["", "", "", "n", "r", "l", "s", "t", "m", "nd", "st", "ck", "ng", "rt", "x"]


def vocabulary(rng: random.Random, n_made_up: int = 3000) -> list:
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    made = []
    while len(made) < n_made_up:
        w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS)
                    for _ in range(rng.choice((1, 2, 2, 2, 3)))) + rng.choice(CODAS)
        if len(w) >= 2 and w not in seen:
            seen.add(w)
            made.append(w)
    # the common words are the most frequent; the made-up ones follow in random order
    return words + made


def generate(n_words: int, seed: int, out) -> None:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    cum, total = [], 0.0
    for r in range(len(vocab)):
        total += 1.0 / (r + 2.7) ** 1.07
        cum.append(total)
    picks = rng.choices(vocab, cum_weights=cum, k=n_words)

    lines, line = [], ""
    in_sentence = 0             # words left in the current sentence
    sentences_left = rng.randint(3, 8)
    for i, w in enumerate(picks):
        if in_sentence == 0:
            in_sentence = rng.randint(4, 18)
            w = w.capitalize()
        x = rng.random()
        if x < 0.02:
            w += "'s"
        elif x < 0.025:
            w = "'" + w + "'"
        elif x < 0.028:
            w = w.upper()
        in_sentence -= 1
        if in_sentence == 0 or i == n_words - 1:
            y = rng.random()
            w += "?" if y < 0.05 else "!" if y < 0.08 else "."
        elif rng.random() < 0.08:
            w += ","
        if line and len(line) + 1 + len(w) > 72:
            lines.append(line)
            line = w
        else:
            line = line + " " + w if line else w
        if in_sentence == 0:
            sentences_left -= 1
            if sentences_left == 0:
                lines.append(line)
                lines.append("")
                line = ""
                sentences_left = rng.randint(3, 8)
        if len(lines) >= 4096:
            out.write("\n".join(lines) + "\n")
            lines = []
    if line:
        lines.append(line)
    out.write("\n".join(lines) + ("\n" if lines else ""))


def main(argv) -> int:
    if len(argv) not in (2, 3) or not argv[1].isdigit() or (len(argv) == 3 and not argv[2].isdigit()):
        sys.stderr.write("usage: gen_input.py N_WORDS [SEED] > file.txt\n")
        return 2
    generate(int(argv[1]), int(argv[2]) if len(argv) == 3 else 1, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
