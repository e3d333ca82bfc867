#!/usr/bin/env python3
"""Derive the administrative-division seed data of Zigong (自贡市, 510300).

Standard library only (Python 3.11). Reads the public input files from a data
directory (default: ../shared/data/zigong relative to the repository root) and
writes

  src/main/resources/seed/regions.csv        city, 6 counties, 90 townships, 987 villages
  src/main/resources/seed/boundaries.geojson city outline + 6 county polygons (WGS84)

Usage (from the repository root):

  python3 tools/regions/derive_regions.py [DATA_DIR] [--out OUT_DIR]
                                          [--township-codes areacity|nbs]

The output is deterministic: running it twice gives byte-identical files.
See docs/DATA.md for sources, licences and the meaning of every derived field.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import re
import sys
from collections import Counter, OrderedDict, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_ROOT / ".." / "shared" / "data" / "zigong"
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "main" / "resources" / "seed"

CITY_CODE = "510300"
CITY_NAME = "自贡市"
COUNTIES = OrderedDict([
    ("510302", "自流井区"),
    ("510303", "贡井区"),
    ("510304", "大安区"),
    ("510311", "沿滩区"),
    ("510321", "荣县"),
    ("510322", "富顺县"),
])

F_TOWNSHIPS = "zigong_townships_ok_data_level4.csv"    # AreaCity-JsSpider-StatsGov (MIT)
F_STREETS = "zigong_streets_china-division.csv"        # china-division (WTFPL)
F_VILLAGES = "zigong_villages_china-division.csv"      # china-division (WTFPL)
F_COUNTIES = "510300_full_wgs84.geojson"               # DataV GeoAtlas, GCJ-02 -> WGS84
F_CITY = "510300_wgs84.geojson"                        # DataV GeoAtlas, GCJ-02 -> WGS84
F_COUNTIES_GCJ = "510300_full.json"                    # original GCJ-02 file (only to check the conversion)
F_GEOPARK = "zigong_geopark_points.geojson"            # iqeq00/geopark-web (facts)
F_FACTS = "zigong_facts.json"

# Former township names (abolished in the 2019 Sichuan township reform) that geopark texts still use,
# mapped to the current township that absorbed them. Only mergers with a public source are listed.
#   飞龙峡: 2019-09 撤销农团乡、漆树乡，设立飞龙峡镇 (encyclopedia entry 飞龙峡镇; the six china-division villages
#           of 飞龙峡 are 漆树社区/星星/丁香/红岩/草堂/新国, i.e. the former 漆树乡 and 农团乡 areas)
#   贡井区: 四川经济日报 2019-09-12 (m.yybnet.net/zigong/news/201909/9626262.html): 牛尾乡 -> 莲花镇,
#           章佳乡 -> 成佳镇, 白庙镇 -> 建设镇, 长土镇 -> 长土街道 (the last one is covered by the suffix rule)
FORMER_NAMES = {
    "农团乡": "飞龙峡", "漆树乡": "飞龙峡",
    "牛尾乡": "莲花", "章佳乡": "成佳", "白庙镇": "建设",
}

GRID_STEP_M = 500.0          # grid spacing for the spread of townships without evidence
STREET_RADIUS_M = 5000.0     # sub-districts (街道) without evidence are spread within this distance of the county seat
TOWN_MIN_SEAT_M = 4000.0     # towns/townships (镇/乡) without evidence are kept at least this far from the county seat
VILLAGE_MAX_OFFSET_M = 1400.0  # village offset radius (brief: <= 1.5 km)
OUTLIER_M = 8000.0           # evidence points farther than this from the median of their group are dropped
DMS_TOLERANCE_M = 1000.0     # a geopark point whose geometry disagrees with the DMS in its own text is not used
MIN_SEPARATION_M = 300.0     # two townships of one county must be at least this far apart

EARTH_R = 6371008.8


# ---------------------------------------------------------------- geometry helpers
def dist_m(a, b):
    """Haversine distance in metres between two (lon, lat) points."""
    lon1, lat1 = map(math.radians, a)
    lon2, lat2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_R * math.asin(math.sqrt(h))


def polygons_of(geom):
    """List of polygons (each a list of rings) of a Polygon/MultiPolygon geometry."""
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    raise ValueError("unsupported geometry " + geom["type"])


def ring_contains(ring, x, y):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y):
            xc = (xj - xi) * (y - yi) / (yj - yi) + xi
            if x < xc:
                inside = not inside
        j = i
    return inside


def geom_contains(geom, pt):
    x, y = pt
    for poly in polygons_of(geom):
        if ring_contains(poly[0], x, y) and not any(ring_contains(h, x, y) for h in poly[1:]):
            return True
    return False


def ring_area_centroid(ring):
    """Signed planar area and centroid of a ring in lon/lat degrees, longitude scaled by cos(lat)."""
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    k = math.cos(lat0)
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        x1 *= k
        x2 *= k
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    a /= 2.0
    if a == 0:
        return 0.0, ring[0]
    return a, [cx / (6 * a) / k, cy / (6 * a)]


def geom_centroid(geom):
    """Area-weighted centroid of all polygons (holes subtracted)."""
    tot = sx = sy = 0.0
    for poly in polygons_of(geom):
        for idx, ring in enumerate(poly):
            r = [p[:2] for p in ring]
            if r[0] == r[-1]:
                r = r[:-1]
            a, c = ring_area_centroid(r)
            a = abs(a) * (1 if idx == 0 else -1)
            tot += a
            sx += a * c[0]
            sy += a * c[1]
    return [sx / tot, sy / tot]


def geom_area_km2(geom):
    tot = 0.0
    for poly in polygons_of(geom):
        for idx, ring in enumerate(poly):
            r = [p[:2] for p in ring]
            if r[0] == r[-1]:
                r = r[:-1]
            a, _ = ring_area_centroid(r)
            tot += abs(a) * (1 if idx == 0 else -1)
    # degrees^2 (lon scaled) -> km^2
    return tot * (math.pi / 180 * EARTH_R / 1000) ** 2


def geom_edges(geom):
    edges = []
    for poly in polygons_of(geom):
        for ring in poly:
            for a, b in zip(ring, ring[1:]):
                edges.append((a[0], a[1], b[0], b[1]))
    return edges


def dist_to_edges_m(pt, edges, k):
    """Approximate distance (m) from pt to the nearest edge; planar with longitude scaled by k=cos(lat)."""
    m_per_deg = math.pi / 180 * EARTH_R
    px, py = pt[0] * k, pt[1]
    best = float("inf")
    for x1, y1, x2, y2 in edges:
        x1 *= k
        x2 *= k
        dx, dy = x2 - x1, y2 - y1
        ll = dx * dx + dy * dy
        t = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / ll))
        ex, ey = x1 + t * dx - px, y1 + t * dy - py
        d = ex * ex + ey * ey
        if d < best:
            best = d
    return math.sqrt(best) * m_per_deg


def bbox(geom):
    xs, ys = [], []
    for poly in polygons_of(geom):
        for p in poly[0]:
            xs.append(p[0])
            ys.append(p[1])
    return min(xs), min(ys), max(xs), max(ys)


def interior_grid(geom, step_m):
    """Grid points (lon, lat) inside geom, row by row from south-west; deterministic."""
    x0, y0, x1, y1 = bbox(geom)
    lat_mid = (y0 + y1) / 2
    dy = step_m / (math.pi / 180 * EARTH_R)
    dx = dy / math.cos(math.radians(lat_mid))
    pts = []
    j = 0
    while True:
        y = y0 + dy * (j + 0.5)
        if y > y1:
            break
        i = 0
        while True:
            x = x0 + dx * (i + 0.5)
            if x > x1:
                break
            if geom_contains(geom, (x, y)):
                pts.append((x, y))
            i += 1
        j += 1
    return pts


def rnd(v):
    return float(f"{v:.6f}")


def round_geometry(geom):
    """Round to 6 decimals, drop consecutive duplicates, make sure every ring is closed."""
    def ring_fix(ring):
        out = []
        for p in ring:
            q = [rnd(p[0]), rnd(p[1])]
            if not out or out[-1] != q:
                out.append(q)
        if out[0] != out[-1]:
            out.append(list(out[0]))
        return out

    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring_fix(r) for r in geom["coordinates"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring_fix(r) for r in poly] for poly in geom["coordinates"]]}


def validate_rings(geom, label, problems):
    for pi, poly in enumerate(polygons_of(geom)):
        for ri, ring in enumerate(poly):
            if len(ring) < 4:
                problems.append(f"{label}: polygon {pi} ring {ri} has fewer than 4 positions")
            if ring[0] != ring[-1]:
                problems.append(f"{label}: polygon {pi} ring {ri} is not closed")


# ---------------------------------------------------------------- input readers
def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def stem_of(name):
    for suf in ("街道", "镇", "乡"):
        if name.endswith(suf) and len(name) > len(suf) + 1:
            return name[: -len(suf)]
    return name


def parse_dms_pair(text):
    m = re.search(r"东经\s*(\d+)°\s*(\d+)′\s*([\d.]+)″\s*[，,、]?\s*北纬\s*(\d+)°\s*(\d+)′\s*([\d.]+)″", text)
    if not m:
        return None
    a = [float(v) for v in m.groups()]
    return (a[0] + a[1] / 60 + a[2] / 3600, a[3] + a[4] / 60 + a[5] / 3600)


def location_clause(props):
    """The part of a geopark record that says where the point is ("位于…村，东经…")."""
    pos = (props.get("position") or "").strip()
    if pos:
        return pos
    desc = (props.get("description") or "").strip()
    head = re.split(r"东经|。", desc, maxsplit=1)[0]
    if "位于" in head or "坐落" in head:
        return head
    return ""


# ---------------------------------------------------------------- main derivation
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default=str(DEFAULT_DATA_DIR),
                    help="directory with the Zigong input files (default: ../shared/data/zigong from the repo root)")
    ap.add_argument("--out", default=str(DEFAULT_OUT_DIR), help="output directory (default: src/main/resources/seed)")
    ap.add_argument("--township-codes", choices=("areacity", "nbs"), default="nbs",
                    help="areacity (default): township codes = AreaCity ext_id; nbs: use the china-division/NBS "
                         "9-digit code + '000' where the two sources disagree (see docs/DATA.md)")
    args = ap.parse_args(argv)
    data = Path(args.data_dir).resolve()
    out = Path(args.out).resolve()
    problems = []   # fatal sanity-check failures
    notes = []      # data oddities worth reporting

    # ---- counties and city polygons
    counties_fc = json.loads((data / F_COUNTIES).read_text(encoding="utf-8"))
    city_fc = json.loads((data / F_CITY).read_text(encoding="utf-8"))
    county_feat = {}
    for f in counties_fc["features"]:
        code = str(f["properties"]["adcode"])
        county_feat[code] = f
        if f["properties"]["name"] != COUNTIES.get(code):
            problems.append(f"county {code}: name {f['properties']['name']} != {COUNTIES.get(code)}")
    if set(county_feat) != set(COUNTIES):
        problems.append(f"county polygons {sorted(county_feat)} != {sorted(COUNTIES)}")
    city_feat = city_fc["features"][0]
    if str(city_feat["properties"]["adcode"]) != CITY_CODE:
        problems.append("city outline is not 510300")

    # DataV properties: were center/centroid converted together with the geometry?
    gcj_path = data / F_COUNTIES_GCJ
    gcj_props, gcj_geom = {}, {}
    if gcj_path.exists():
        for f in json.loads(gcj_path.read_text(encoding="utf-8"))["features"]:
            gcj_props[str(f["properties"]["adcode"])] = f["properties"]
            gcj_geom[str(f["properties"]["adcode"])] = f["geometry"]

    def converted_ok(code, feat, key):
        """True if the DataV point property `key` was shifted GCJ-02 -> WGS84 together with the geometry."""
        props = feat["properties"]
        if code not in gcj_props or not props.get(key):
            return None
        p_w, p_g = props[key], gcj_props[code][key]
        # local GCJ-02 offset of the geometry: the original vertex nearest to the original property and the
        # same vertex in the converted file (both files have the same vertex structure)
        best = None
        for pi, (poly_g, poly_w) in enumerate(zip(polygons_of(gcj_geom[code]), polygons_of(feat["geometry"]))):
            for ring_g, ring_w in zip(poly_g, poly_w):
                if len(ring_g) != len(ring_w):
                    return None
                for v_g, v_w in zip(ring_g, ring_w):
                    d = dist_m(v_g, p_g)
                    if best is None or d < best[0]:
                        best = (d, v_g, v_w)
        _, g_g, g_w = best
        d_prop = (p_w[0] - p_g[0], p_w[1] - p_g[1])
        d_geom = (g_w[0] - g_g[0], g_w[1] - g_g[1])
        moved = dist_m(p_w, p_g) > 100
        same_shift = dist_m((0, 29.3), (d_prop[0] - d_geom[0], 29.3 + d_prop[1] - d_geom[1])) < 50
        return moved and same_shift

    def representative_point(code, feat, level):
        geom = feat["geometry"]
        props = feat["properties"]
        own = geom_centroid(geom)
        datav = props.get("centroid")
        conv = converted_ok(code, feat, "centroid")
        info = {"own_centroid": own, "datav_centroid": datav, "converted": conv}
        if code in gcj_props and datav:
            info["datav_shift_vs_gcj_m"] = dist_m(datav, gcj_props[code]["centroid"])
        if conv is None and datav:
            # no GCJ-02 original to compare with: accept the property only if it matches our own centroid
            conv = dist_m(datav, own) < 150
        if datav and conv and geom_contains(geom, datav):
            return datav, f"{level}_polygon_centroid", info
        if not conv:
            notes.append(f"{level} {code}: DataV centroid not (consistently) converted to WGS84; computed instead")
        if geom_contains(geom, own):
            return own, f"{level}_polygon_centroid", info
        # concave shape: fall back to the interior grid point farthest from the boundary
        edges = geom_edges(geom)
        k = math.cos(math.radians(own[1]))
        grid = interior_grid(geom, 500)
        best = max(grid, key=lambda p: dist_to_edges_m(p, edges, k))
        return list(best), f"{level}_polygon_interior", info

    centre = {}       # code -> (lon, lat, approximate, source)
    county_info = {}
    for code in COUNTIES:
        pt, src, info = representative_point(code, county_feat[code], "county")
        centre[code] = (pt[0], pt[1], False, src)
        county_info[code] = info
    pt, src, city_info = representative_point(CITY_CODE, city_feat, "city")
    centre[CITY_CODE] = (pt[0], pt[1], False, src)

    # county seats (DataV `center`, the government seat; converted with the geometry) - only used to place
    # sub-districts without evidence near the built-up area
    seat = {c: county_feat[c]["properties"].get("center") for c in COUNTIES}
    for c, s in seat.items():
        if converted_ok(c, county_feat[c], "center") is False:
            notes.append(f"county {c}: DataV center not converted to WGS84")
        if not s or not geom_contains(county_feat[c]["geometry"], s):
            notes.append(f"county {c}: DataV center {s} is not inside its polygon; using the centroid as seat")
            seat[c] = centre[c][:2]

    # ---- townships: AreaCity list (authority) vs china-division list
    ac_rows = read_csv(data / F_TOWNSHIPS)
    townships = OrderedDict()   # areacity 9-digit id -> dict
    for r in ac_rows:
        if len(r["id"]) == 9:
            if r["pid"] not in COUNTIES:
                problems.append(f"township {r['id']} has unknown county {r['pid']}")
            townships[r["id"]] = {"id9": r["id"], "code": r["ext_id"], "name": r["ext_name"],
                                  "short": r["name"], "county": r["pid"]}
            if r["ext_id"][:9] != r["id"] or not r["ext_id"].endswith("000") or len(r["ext_id"]) != 12:
                notes.append(f"AreaCity township {r['id']} has an unusual ext_id {r['ext_id']}")
        elif len(r["id"]) == 6:
            if COUNTIES.get(r["id"]) != r["ext_name"]:
                problems.append(f"AreaCity county {r['id']} {r['ext_name']} not in the expected county list")
    cd_rows = read_csv(data / F_STREETS)
    cd_by_code = {r["code"]: r for r in cd_rows}

    def norm(n):  # for matching only
        return stem_of(n.replace("街街道", "街道"))

    ac_by_key = {(t["county"], norm(t["name"])): t for t in townships.values()}
    cd_to_ac = {}
    diffs = []
    for r in cd_rows:
        key = (r["areaCode"], norm(r["name"]))
        t = ac_by_key.get(key)
        if t is None:
            problems.append(f"china-division township {r['code']} {r['name']} has no AreaCity counterpart")
            continue
        cd_to_ac[r["code"]] = t["id9"]
        t["nbs_code"] = r["code"] + "000"
        t["nbs_name"] = r["name"]
        if r["code"] != t["id9"] or r["name"] != t["name"]:
            diffs.append((t["county"], t["id9"], t["name"], r["code"], r["name"]))
    if len(cd_to_ac) != len(townships) or len(set(cd_to_ac.values())) != len(townships):
        problems.append("township lists of AreaCity and china-division do not pair one-to-one")

    if args.township_codes == "nbs":
        for t in townships.values():
            t["code"] = t.get("nbs_code", t["code"])

    # ---- villages
    villages = read_csv(data / F_VILLAGES)
    village_rows = []
    for v in villages:
        tid = cd_to_ac.get(v["streetCode"])
        if tid is None:
            problems.append(f"village {v['code']} {v['name']}: township {v['streetCode']} unknown")
            continue
        if v["areaCode"] != townships[tid]["county"]:
            problems.append(f"village {v['code']}: county {v['areaCode']} != township county")
        village_rows.append({"code": v["code"], "name": v["name"], "tid": tid})
    prefix_mismatch = [v for v in village_rows if v["code"][:9] + "000" != townships[v["tid"]]["code"]]

    # ---- township centres from geopark evidence
    gp = json.loads((data / F_GEOPARK).read_text(encoding="utf-8"))["features"]
    patterns = []   # (text, township id9)
    for t in townships.values():
        s = stem_of(t["name"])
        for suf in ("街道", "镇", "乡"):
            patterns.append((s + suf, t["id9"]))
    stem_to_id = {stem_of(t["name"]): t["id9"] for t in townships.values()}
    for old, new_stem in FORMER_NAMES.items():
        patterns.append((old, stem_to_id[new_stem]))
    patterns.sort(key=lambda p: (-len(p[0]), p[0]))

    def mentions(text):
        """Township ids named in text, longest names first, without overlaps (凉高山街道 is not 高山街道)."""
        found = []
        taken = [False] * len(text)
        for pat, tid in patterns:
            start = 0
            while True:
                i = text.find(pat, start)
                if i < 0:
                    break
                if not any(taken[i:i + len(pat)]):
                    for k in range(i, i + len(pat)):
                        taken[k] = True
                    if tid not in found:
                        found.append(tid)
                start = i + 1
        return found

    evidence = defaultdict(list)   # id9 -> [(lon, lat, geopark code, tier)]
    rejected = Counter()
    for f in gp:
        p = f["properties"]
        xy = tuple(f["geometry"]["coordinates"][:2])
        full_text = " ".join(str(p.get(k) or "") for k in ("position", "description"))
        dms = parse_dms_pair(full_text)
        if dms and dist_m(dms, xy) > DMS_TOLERANCE_M:
            rejected["geometry disagrees with the DMS coordinates in its own text"] += 1
            notes.append(f"geopark {p.get('code')} {p.get('name')}: geometry {xy[0]:.5f},{xy[1]:.5f} vs text "
                         f"{dms[0]:.5f},{dms[1]:.5f} ({dist_m(dms, xy) / 1000:.1f} km) - not used")
            continue
        strong = mentions((p.get("name") or "") + " " + location_clause(p))
        weak = [t for t in mentions(full_text) if t not in strong]
        for tier, ids in ((1, strong), (2, weak)):
            for tid in ids:
                cgeom = county_feat[townships[tid]["county"]]["geometry"]
                if geom_contains(cgeom, xy):
                    evidence[tid].append((xy[0], xy[1], p.get("code"), tier))
                else:
                    rejected["point outside the county of the township it names"] += 1

    placed = {}   # id9 -> (lon, lat, approximate, source, detail)
    n_evidence = {}
    for tid, pts in evidence.items():
        best_tier = min(p[3] for p in pts)
        use = [p for p in pts if p[3] == best_tier]
        if len(use) >= 3:
            xs = sorted(p[0] for p in use)
            ys = sorted(p[1] for p in use)
            med = (xs[len(xs) // 2], ys[len(ys) // 2])
            kept = [p for p in use if dist_m(med, p[:2]) <= OUTLIER_M]
            if len(kept) < len(use):
                rejected["outlier (> 8 km from the median of its township's points)"] += len(use) - len(kept)
            use = kept or use
        mean = (sum(p[0] for p in use) / len(use), sum(p[1] for p in use) / len(use))
        cgeom = county_feat[townships[tid]["county"]]["geometry"]
        if not geom_contains(cgeom, mean):
            # concave county: take the evidence point nearest to the mean instead
            mean = min((p[:2] for p in use), key=lambda q: dist_m(q, mean))
        n_evidence[tid] = len(use)
        placed[tid] = (mean[0], mean[1], True, "geopark_points_mean",
                       f"{len(use)} point(s) tier {best_tier}: " + ",".join(sorted(p[2] for p in use)))

    # two townships of one county may share all their evidence (e.g. a reservoir between two towns)
    by_county = defaultdict(list)
    for tid in placed:
        by_county[townships[tid]["county"]].append(tid)
    for c, tids in by_county.items():
        tids.sort()
        for i, a in enumerate(tids):
            for b in tids[i + 1:]:
                if b in placed and a in placed and dist_m(placed[a][:2], placed[b][:2]) < MIN_SEPARATION_M:
                    # keep the township with more evidence; the other one is spread
                    drop = b if n_evidence[a] >= n_evidence[b] else a
                    notes.append(f"townships {a} and {b} share their evidence; {drop} is spread instead")
                    del placed[drop]

    # ---- spread the remaining townships inside their county polygon (deterministic)
    for c in COUNTIES:
        geom = county_feat[c]["geometry"]
        edges = geom_edges(geom)
        k = math.cos(math.radians(centre[c][1]))
        grid = interior_grid(geom, GRID_STEP_M)
        bdist = [dist_to_edges_m(p, edges, k) for p in grid]
        fixed = [placed[t][:2] for t in townships if townships[t]["county"] == c and t in placed]
        todo = [t for t in townships if townships[t]["county"] == c and t not in placed]
        # sub-districts first (they sit in the built-up area around the county seat), then towns/townships
        todo.sort(key=lambda t: (0 if townships[t]["name"].endswith("街道") else 1, townships[t]["code"]))
        mind = [min((dist_m(p, q) for q in fixed), default=float("inf")) for p in grid]
        seat_d = [dist_m(p, seat[c]) for p in grid]
        for t in todo:
            is_street = townships[t]["name"].endswith("街道")
            best_i, best_s = None, -1.0
            for i, p in enumerate(grid):
                if is_street and seat_d[i] > STREET_RADIUS_M:
                    continue
                if not is_street and seat_d[i] < TOWN_MIN_SEAT_M:
                    continue
                # far from the townships already placed, and away from the county boundary
                # (sub-districts: also away from the edge of the disc around the seat)
                s = min(mind[i], 2.0 * bdist[i])
                if is_street:
                    s = min(s, 2.0 * (STREET_RADIUS_M - seat_d[i]))
                if s > best_s:
                    best_i, best_s = i, s
            if best_i is None:   # cannot happen with the Zigong polygons; keep a safe fallback
                best_i = max(range(len(grid)), key=lambda i: min(mind[i], 2.0 * bdist[i]))
            p = grid[best_i]
            placed[t] = (p[0], p[1], True, "county_polygon_spread", f"grid {GRID_STEP_M:.0f} m, score {best_s:.0f} m")
            for i, q in enumerate(grid):
                d = dist_m(p, q)
                if d < mind[i]:
                    mind[i] = d

    for tid, (x, y, ap_, src, _) in placed.items():
        centre[townships[tid]["code"]] = (x, y, ap_, src)

    # ---- villages: township point + deterministic sunflower offset (<= 1.4 km), kept inside the county
    golden = math.pi * (3 - math.sqrt(5))
    by_town = defaultdict(list)
    for v in village_rows:
        by_town[v["tid"]].append(v)
    m_per_deg = math.pi / 180 * EARTH_R
    for tid, vs in by_town.items():
        vs.sort(key=lambda v: v["code"])
        tx, ty = placed[tid][:2]
        cgeom = county_feat[townships[tid]["county"]]["geometry"]
        n = len(vs)
        # a per-township rotation so that the patterns of neighbouring townships do not line up
        rot = int(hashlib.sha256(tid.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF * 2 * math.pi
        for i, v in enumerate(vs):
            r0 = VILLAGE_MAX_OFFSET_M * math.sqrt((i + 0.5) / n)
            theta = rot + i * golden
            pt = None
            for shrink in (1.0, 0.75, 0.5, 0.3, 0.15):
                for turn in range(0, 12):
                    a = theta + turn * math.pi / 6
                    r = r0 * shrink
                    cand = (tx + r * math.cos(a) / (m_per_deg * math.cos(math.radians(ty))),
                            ty + r * math.sin(a) / m_per_deg)
                    if geom_contains(cgeom, cand):
                        pt = cand
                        break
                if pt:
                    break
            if pt is None:
                pt = (tx, ty)
                notes.append(f"village {v['code']} sits exactly on its township point")
            centre[v["code"]] = (pt[0], pt[1], True, "township_centre")

    # ---- assemble rows
    rows = [(CITY_CODE, CITY_NAME, "CITY", "")]
    for c, n in COUNTIES.items():
        rows.append((c, n, "COUNTY", CITY_CODE))
    for t in sorted(townships.values(), key=lambda t: t["code"]):
        rows.append((t["code"], t["name"], "TOWNSHIP", t["county"]))
    for v in sorted(village_rows, key=lambda v: v["code"]):
        rows.append((v["code"], v["name"], "VILLAGE", townships[v["tid"]]["code"]))

    # ---- sanity checks
    codes = [r[0] for r in rows]
    dup = [c for c, k in Counter(codes).items() if k > 1]
    if dup:
        problems.append(f"duplicate codes: {dup[:10]}")
    level_of = {r[0]: r[2] for r in rows}
    expected_parent_level = {"COUNTY": "CITY", "TOWNSHIP": "COUNTY", "VILLAGE": "TOWNSHIP"}
    for code, name, level, parent in rows:
        if level == "CITY":
            continue
        if level_of.get(parent) != expected_parent_level[level]:
            problems.append(f"{level} {code} {name}: parent {parent} missing or not a {expected_parent_level[level]}")
    county_of = {}
    for code, name, level, parent in rows:
        if level == "COUNTY":
            county_of[code] = code
        elif level == "TOWNSHIP":
            county_of[code] = parent
        elif level == "VILLAGE":
            county_of[code] = county_of[parent]
    outside = []
    for code, name, level, parent in rows:
        x, y = centre[code][:2]
        g = city_feat["geometry"] if level == "CITY" else county_feat[county_of[code]]["geometry"]
        if not geom_contains(g, (x, y)):
            outside.append(f"{level} {code} {name}")
    if outside:
        problems.append(f"{len(outside)} point(s) outside their polygon: {outside[:5]}")
    # townships of a county must not coincide
    for c in COUNTIES:
        pts = [(t["code"], placed[t["id9"]][:2]) for t in townships.values() if t["county"] == c]
        for i, (a, pa) in enumerate(pts):
            for b, pb in pts[i + 1:]:
                if dist_m(pa, pb) < MIN_SEPARATION_M:
                    problems.append(f"townships {a} and {b} are only {dist_m(pa, pb):.0f} m apart")
    rounded = Counter((rnd(centre[c][0]), rnd(centre[c][1])) for c in codes)
    stacked = sum(k for k in rounded.values() if k > 1)
    if stacked:
        problems.append(f"{stacked} rows share an identical lon/lat")
    for v in village_rows:
        t = placed[v["tid"]][:2]
        d = dist_m(t, centre[v["code"]][:2])
        if d > 1500:
            problems.append(f"village {v['code']} is {d:.0f} m from its township point")

    # ---- boundaries
    features = []
    city_geom = round_geometry(city_feat["geometry"])
    validate_rings(city_geom, "city 510300", problems)
    features.append({"type": "Feature", "properties": {"code": CITY_CODE, "name": CITY_NAME, "level": "CITY"},
                     "geometry": city_geom})
    for c, n in COUNTIES.items():
        g = round_geometry(county_feat[c]["geometry"])
        validate_rings(g, f"county {c}", problems)
        if g["type"] != county_feat[c]["geometry"]["type"]:
            problems.append(f"county {c}: geometry type changed")
        features.append({"type": "Feature", "properties": {"code": c, "name": n, "level": "COUNTY"}, "geometry": g})

    # ---- write
    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "name", "level", "parent_code", "lon", "lat", "approximate", "centre_source"])
    for code, name, level, parent in rows:
        x, y, ap_, src = centre[code]
        w.writerow([code, name, level, parent, f"{x:.6f}", f"{y:.6f}", "true" if ap_ else "false", src])
    (out / "regions.csv").write_text(buf.getvalue(), encoding="utf-8")
    # one feature per line: compact, but diffs stay readable
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    (out / "boundaries.geojson").write_text(
        '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n", encoding="utf-8")

    # ---- summary
    lv = Counter(r[2] for r in rows)
    print(f"wrote {out / 'regions.csv'} ({len(rows)} rows) and {out / 'boundaries.geojson'} ({len(features)} features)")
    print(f"township codes: {args.township_codes}")
    print("rows per level: " + ", ".join(f"{k}={lv[k]}" for k in ("CITY", "COUNTY", "TOWNSHIP", "VILLAGE")))
    print()
    print("| county | name | townships | 街道 | 镇 | 乡 | villages | geopark | spread | area km2 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c, n in COUNTIES.items():
        ts = [t for t in townships.values() if t["county"] == c]
        kinds = Counter("街道" if t["name"].endswith("街道") else t["name"][-1] for t in ts)
        nv = sum(1 for v in village_rows if townships[v["tid"]]["county"] == c)
        src = Counter(placed[t["id9"]][3] for t in ts)
        print(f"| {c} | {n} | {len(ts)} | {kinds['街道']} | {kinds['镇']} | {kinds['乡']} | {nv} | "
              f"{src['geopark_points_mean']} | {src['county_polygon_spread']} | "
              f"{geom_area_km2(county_feat[c]['geometry']):.1f} |")
    print(f"| total | {CITY_NAME} | {len(townships)} | | | | {len(village_rows)} | | | "
          f"{sum(geom_area_km2(county_feat[c]['geometry']) for c in COUNTIES):.1f} |")
    print()
    srcs = Counter(placed[t][3] for t in placed)
    print("township centre_source: " + ", ".join(f"{k}={v}" for k, v in sorted(srcs.items())))
    for t in sorted(townships.values(), key=lambda t: t["code"]):
        x, y, _, s, detail = placed[t["id9"]]
        print(f"  {t['code']} {t['name']:<8} {x:.6f},{y:.6f} {s:<22} {detail}")
    print("geopark matches not used: " + (", ".join(f"{k}: {v}" for k, v in rejected.items()) or "none"))
    print()
    for c in COUNTIES:
        i = county_info[c]
        shift = i.get("datav_shift_vs_gcj_m")
        print(f"county {c}: DataV centroid {'converted' if i['converted'] else 'NOT converted'}"
              + (f" (moved {shift:.0f} m from the GCJ-02 original, same shift as the geometry)" if shift else "")
              + f"; {dist_m(i['datav_centroid'], i['own_centroid']):.0f} m from our area-weighted centroid of all parts"
              + f"; centre_source {centre[c][3]}")
    print(f"city 510300: DataV centroid vs own centroid "
          f"{dist_m(city_info['datav_centroid'], city_info['own_centroid']):.0f} m; centre_source {centre[CITY_CODE][3]}")
    print()
    print(f"township list differences (AreaCity authority vs china-division), {len(diffs)}:")
    for c, id9, name, cd_code, cd_name in diffs:
        print(f"  {c}: AreaCity {id9} {name}  <->  china-division {cd_code} {cd_name}")
    print(f"villages whose 12-digit code does not start with their parent township's 9 digits: {len(prefix_mismatch)}")
    print()
    print("checks:")
    print(f"  codes unique: {'ok' if not dup else 'FAIL'}")
    print(f"  every parent exists with the right level: "
          f"{'ok' if not any('parent' in p for p in problems) else 'FAIL'}")
    print(f"  every point inside its county (city: city outline) polygon: {'ok' if not outside else 'FAIL'}")
    print(f"  no two rows share a lon/lat: {'ok' if not stacked else 'FAIL'}")
    print(f"  village offsets <= 1.5 km: {'ok' if not any('m from its township' in p for p in problems) else 'FAIL'}")
    print(f"  boundary rings closed: {'ok' if not any('ring' in p for p in problems) else 'FAIL'}")
    if notes:
        print()
        print("notes:")
        for n_ in notes:
            print("  - " + n_)
    if problems:
        print()
        print("PROBLEMS:")
        for p in problems:
            print("  - " + p)
        return 1
    print()
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
