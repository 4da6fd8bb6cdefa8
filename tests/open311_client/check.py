"""Balai's Open311 server read by an independent client: PyPI `georeport` 0.3.1
(Apache-2.0), in JSON and in XML mode.

usage: check.py ROOT PUBLIC_CODE HIDDEN_CODE
  ROOT         the endpoint, e.g. http://127.0.0.1:8080/open311/v2
  PUBLIC_CODE  a public report's tracking code (verified, category infrastructure)
  HIDDEN_CODE  a report that is not public (submitted, not checked yet)
Exits 0 when every check passes, 1 with the failures otherwise.
"""
import sys

import requests
from georeport import GeoReport, __version__

root, public, hidden = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def as_list(x):
    """xmltodict gives a dict for one element and a list for several."""
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


check(__version__ == "0.3.1", f"georeport version {__version__}")
for fmt in ("json", "xml"):
    for jurisdiction in (None, "balai.example"):
        client = GeoReport(root, jurisdiction=jurisdiction, output_format=fmt)
        where = f"[{fmt}, jurisdiction={jurisdiction}]"
        services = as_list(client.get_service_list())
        codes = [s["service_code"] for s in services]
        check(len(codes) >= 10, f"{where} services: {codes}")
        check("infrastructure" in codes, f"{where} infrastructure not a service")
        check(all(s.get("service_name") for s in services), f"{where} a service without a name")

        definition = client.get_service_definition("infrastructure")
        attrs = definition["attributes"]
        if fmt == "xml":
            attrs = as_list(attrs["attribute"])
        attr_codes = [a["code"] for a in attrs]
        for needed in ("kind", "privacy", "regency", "consent"):
            check(needed in attr_codes, f"{where} definition lacks {needed}: {attr_codes}")

        def ids(**kw):
            try:
                got = client.get_service_requests(**kw)
            except TypeError:
                # georeport 0.3.1 in XML mode indexes `service_requests` without looking:
                # an empty list (`<service_requests></service_requests>`, which xmltodict
                # reads as None) raises TypeError. Check the document is that empty list.
                check(fmt == "xml", f"{where} TypeError in JSON mode")
                raw = requests.get(f"{root}/requests.xml", params=kw)
                check(raw.status_code == 200, f"{where} {kw}: {raw.status_code}")
                check(b"<request>" not in raw.content, f"{where} {kw}: not empty")
                return []
            return [r["service_request_id"] for r in as_list(got)]

        all_ids = ids()
        check(public in all_ids, f"{where} public report not listed: {all_ids}")
        check(hidden not in all_ids, f"{where} a report that is not public is listed")
        check(public in ids(status="open"), f"{where} status=open")
        check(public not in ids(status="closed"), f"{where} status=closed")
        check(public in ids(service_code="infrastructure"), f"{where} service_code")
        check(public not in ids(service_code="health"), f"{where} service_code=health")
        check(ids(start_date="2999-01-01T00:00:00Z") == [], f"{where} start_date in the future")
        check(ids(service_request_id=f"{public},{hidden}") == [public], f"{where} service_request_id")

        one = client.get_service_request(public)
        check(one["service_request_id"] == public, f"{where} one request: {one}")
        check(one["status"] == "open", f"{where} status of one: {one}")
        for personal in ("requestor_name", "email", "phone", "first_name", "last_name", "lat", "long"):
            check(personal not in one, f"{where} {personal} exposed")
        try:
            client.get_service_request(hidden)
            failures.append(f"{where} a hidden report was served")
        except requests.HTTPError as e:
            check(e.response.status_code == 404, f"{where} hidden report: {e.response.status_code}")
        try:
            client.get_service_definition("no-such-service")
            failures.append(f"{where} an unknown service was served")
        except requests.HTTPError as e:
            check(e.response.status_code == 404, f"{where} unknown service: {e.response.status_code}")

if failures:
    print("FAILED:\n" + "\n".join(failures))
    sys.exit(1)
print("georeport client: all checks passed")
