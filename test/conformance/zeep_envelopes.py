"""Request envelopes written by python zeep, for comparison with the generated package's.

Reads one JSON document on stdin:
    {"wsdl": "<path>", "cases": [{"id": "...", "operation": "...", "body": {...}, "headers": {...},
                                  "headerElements": false}]}
and writes one JSON document on stdout:
    {"zeep": "<version>", "results": [{"id": "...", "xml": "<envelope>"} or {"id": "...", "error": "..."}]}

Values are plain JSON with tagged objects for what JSON cannot say:
    {"$nil": true}       zeep.xsd.Nil (an element written with xsi:nil="true")
    {"$int": "123"}      a Python int of any size
    {"$float": "INF"}    a float (INF, -INF, NaN)
    {"$bytes": "AAE="}   bytes (base64 in the JSON)
With "headerElements" the headers are rendered element by element (see header_elements).
Dictionaries and ArrayOfX wrappers arrive shaped as their XSD types (the entry or item element
holding a list); flags arrive as lists, which zeep writes space-separated.
"""
import base64
import json
import sys

from lxml import etree

import zeep
from zeep.xsd import Nil


def convert(value):
    if isinstance(value, list):
        return [convert(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (key, inner), = value.items()
            if key == "$nil":
                return Nil
            if key == "$int":
                return int(inner)
            if key == "$float":
                return float(inner.replace("INF", "inf"))
            if key == "$bytes":
                return base64.b64decode(inner)
        return {k: convert(v) for k, v in value.items()}
    return value


def header_elements(client, operation, headers):
    """The soap:Header children rendered one by one with zeep's own element writer.

    The ordinary way, a dict in _soapheaders, cannot carry zeep.xsd.Nil: zeep deep-copies the
    dict, the copy of the Nil marker is no longer Nil, and it is written as the text "Nil".
    """
    header = client.service._binding.get(operation).input.header
    parent = etree.Element("Header")
    for name, element in header.type.elements:
        if name in headers:
            element.render(parent, headers[name], render_path=[name])
    return list(parent)


def main():
    request = json.load(sys.stdin)
    client = zeep.Client(request["wsdl"])
    results = []
    for case in request["cases"]:
        try:
            kwargs = convert(case["body"])
            headers = case.get("headers")
            if headers is not None and case.get("headerElements"):
                kwargs["_soapheaders"] = header_elements(client, case["operation"], convert(headers))
            elif headers is not None:
                kwargs["_soapheaders"] = convert(headers)
            envelope = client.create_message(client.service, case["operation"], **kwargs)
            xml = etree.tostring(envelope, encoding="unicode")
            results.append({"id": case["id"], "xml": xml})
        except Exception as e:  # reported per case, so one failure does not hide the others
            results.append({"id": case["id"], "error": "%s: %s" % (type(e).__name__, e)})
    json.dump({"zeep": zeep.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
