"""Synthetic, realistic social graphs for the planner benchmarks.

Groups of 5-30 people with dense inner ties, newcomers with a single tie, workplaces of 50
to 5,000 people spanning groups, few ties between groups, some isolated groups, a few
cities, two or three languages. Writes ties.csv, people.csv, groups.csv and
candidates.csv (friend-of-friend pairs plus a few same-workplace pairs and strangers per
person, about six per person).

    .venv/bin/python bench/synthetic.py 100000 bench/data/100k
"""

import argparse
import pathlib

import numpy as np

CITIES = ["Seattle", "Tacoma", "Everett", "Spokane", "Olympia"]


def generate(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    grouped = int(n * 0.85)
    sizes = []
    while sum(sizes) < grouped:
        sizes.append(int(rng.integers(5, 31)))
    sizes[-1] -= sum(sizes) - grouped
    if sizes[-1] < 2:
        last = sizes.pop()
        sizes[-1] += last
    sizes = np.array(sizes)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    group_of = np.repeat(np.arange(len(sizes)), sizes)
    ties = []
    # Dense inner ties: a cycle (so every group is one resilient piece) plus 80% of pairs.
    for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
        members = np.arange(start, start + size)
        a, b = np.triu_indices(size, 1)
        keep = rng.random(len(a)) < 0.8
        keep |= (b - a == 1) | ((a == 0) & (b == size - 1))
        ties.append(np.c_[members[a[keep]], members[b[keep]]])
    # Newcomers: a single tie into a random group.
    newcomers = np.arange(grouped, n)
    ties.append(np.c_[rng.integers(0, grouped, len(newcomers)), newcomers])
    # Few ties between groups; 5% of groups stay isolated.
    linked = rng.random(len(sizes)) > 0.05
    sources = np.flatnonzero(linked)
    for _ in range(2):
        other = sources[rng.integers(0, len(sources), len(sources))]
        a = starts[sources] + rng.integers(0, sizes[sources])
        b = starts[other] + rng.integers(0, sizes[other])
        ok = (rng.random(len(sources)) < 0.5) & (sources != other)
        ties.append(np.c_[a[ok], b[ok]])
    # Workplaces of 50-5,000 people; a group mostly shares one.
    workplace_sizes = []
    while sum(workplace_sizes) < n:
        workplace_sizes.append(int(min(5000, max(50, rng.lognormal(5.5, 1.0)))))
    nworkplaces = len(workplace_sizes)
    weights = np.array(workplace_sizes, float) / sum(workplace_sizes)
    group_workplace = rng.choice(nworkplaces, len(sizes), p=weights)
    workplace = np.r_[group_workplace[group_of], rng.choice(nworkplaces, n - grouped, p=weights)]
    drift = rng.random(n) < 0.4
    workplace[drift] = rng.choice(nworkplaces, int(drift.sum()), p=weights)
    known = rng.random(n) < 0.8
    # A few workplace acquaintances across groups.
    order = np.argsort(workplace, kind="stable")
    some = rng.random(n) < 0.15
    partner = order[(np.searchsorted(workplace[order], workplace) + rng.integers(0, 50, n)) % n]
    ties.append(np.c_[np.flatnonzero(some), partner[some]])
    city = np.r_[
        rng.integers(0, len(CITIES), len(sizes))[group_of],
        rng.integers(0, len(CITIES), n - grouped),
    ]
    english = rng.random(n) < 0.8
    spanish = rng.random(n) < 0.3
    vietnamese = rng.random(n) < 0.1
    english |= ~(spanish | vietnamese)
    edges = np.concatenate(ties)
    edges = edges[edges[:, 0] != edges[:, 1]]
    edges = np.unique(np.sort(edges, axis=1), axis=0)
    people = {
        "workplace": np.where(known, workplace, -1),
        "city": city,
        "languages": np.c_[english, spanish, vietnamese],
    }
    groups = np.c_[np.arange(grouped), group_of]
    return edges, people, groups, _candidates(n, edges, workplace, rng)


def _candidates(n, edges, workplace, rng):
    """About six per person: three friend-of-friend pairs, two same-workplace, one stranger.

    Inside dense groups most friends of friends are already tied, so friend-of-friend pairs
    are drawn (a random neighbor of a random neighbor) until there are about 3n distinct
    untied ones.
    """
    both = np.r_[edges, edges[:, ::-1]]
    both = both[np.argsort(both[:, 0], kind="stable")]
    start = np.searchsorted(both[:, 0], np.arange(n + 1))
    degree = np.diff(start)
    tie_keys = np.sort(edges[:, 0] * n + edges[:, 1])

    def untied(pairs):
        pairs = np.sort(pairs, axis=1)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        keys = pairs[:, 0] * n + pairs[:, 1]
        at = np.searchsorted(tie_keys, keys).clip(0, max(len(tie_keys) - 1, 0))
        tied = tie_keys[at] == keys if len(tie_keys) else np.zeros(len(keys), bool)
        return np.unique(keys[~tied])

    fof = np.zeros(0, np.int64)
    x = np.flatnonzero(degree > 0)
    for _ in range(40):
        if len(fof) >= 3 * n:
            break
        w = both[start[x] + rng.integers(0, degree[x]), 1]
        y = both[start[w] + rng.integers(0, degree[w]), 1]
        fof = np.union1d(fof, untied(np.c_[x, y]))
    fof = rng.permutation(fof)[: 3 * n]
    order = np.argsort(workplace, kind="stable")
    same = []
    for _ in range(2):
        y = order[(np.searchsorted(workplace[order], workplace) + rng.integers(0, 50, n)) % n]
        ok = workplace[y] == workplace
        same.append(untied(np.c_[np.arange(n)[ok], y[ok]]))
    strangers = untied(np.c_[np.arange(n), rng.integers(0, n, n)])
    keys = np.r_[fof, np.concatenate(same), strangers]
    costs = np.r_[
        np.ones(len(fof)), np.full(sum(map(len, same)), 2.0), np.full(len(strangers), 10.0)
    ]
    # A pair drawn twice keeps its cheapest cost.
    order = np.lexsort((costs, keys))
    first = order[np.r_[True, keys[order][1:] != keys[order][:-1]]]
    keys, costs = keys[first], costs[first]
    return np.c_[keys // n, keys % n], costs


def write(folder: pathlib.Path, n: int, seed: int = 0) -> None:
    edges, people, groups, (pairs, costs) = generate(n, seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = np.array(["en", "es", "vi"])
    with open(folder / "ties.csv", "w") as out:
        out.write("a,b\n")
        out.writelines(f"p{a},p{b}\n" for a, b in edges.tolist())
    with open(folder / "people.csv", "w") as out:
        out.write("id,workplace,city,languages\n")
        for i, (w, c, spoken) in enumerate(
            zip(
                people["workplace"].tolist(),
                people["city"].tolist(),
                people["languages"],
                strict=True,
            )
        ):
            workplace = f"Workplace {w}" if w >= 0 else ""
            out.write(f"p{i},{workplace},{CITIES[c]},{';'.join(names[spoken])}\n")
    with open(folder / "groups.csv", "w") as out:
        out.write("person,group\n")
        out.writelines(f"p{p},Group {g}\n" for p, g in groups.tolist())
    with open(folder / "candidates.csv", "w") as out:
        out.write("a,b,cost\n")
        out.writelines(
            f"p{a},p{b},{c:g}\n" for (a, b), c in zip(pairs.tolist(), costs.tolist(), strict=True)
        )
    print(f"{folder}: {n} people, {len(edges)} ties, {len(pairs)} candidates")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", type=int, help="number of people")
    parser.add_argument("folder", type=pathlib.Path, help="where to write the CSV files")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write(args.folder, args.people, args.seed)


if __name__ == "__main__":
    main()
