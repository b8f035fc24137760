"""Drive the Python API over a folder of hostile files, in its own process (its RSS is its own).

    python tests/fuzz/drive_api.py STORE FOLDER...

For each folder: every file through ``read_upload`` → ``clean_document`` one at a time (timed:
the slowest input is reported), then the whole folder as Uploads through
``crosswire.Store.analyze`` (the call every interface makes). Prints one JSON summary line;
any exception escaping the API is a failure, printed with its traceback and exit 70.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

import crosswire
from crosswire.errors import CrosswireError
from crosswire.ingest.clean import clean_document
from crosswire.ingest.readers import read_upload
from crosswire.models import RawDocument, Rejection, Upload
from crosswire.report.json import analysis_to_dict


def main() -> int:
    store = crosswire.Store(sys.argv[1])
    summary = {"inputs": 0, "documents": 0, "rejections": 0, "stories": 0, "articles": 0,
               "slowest_seconds": 0.0, "slowest": None}
    try:
        for folder in map(Path, sys.argv[2:]):
            uploads = []
            for path in sorted(folder.iterdir()):
                data = path.read_bytes()
                uploads.append(Upload(name=path.name.split("-", 2)[-1], data=data))
                summary["inputs"] += 1
                started = time.perf_counter()
                for item in read_upload(path.name.split("-", 2)[-1], data):
                    if isinstance(item, Rejection):
                        summary["rejections"] += 1
                        continue
                    assert isinstance(item, RawDocument), item
                    summary["documents"] += 1
                    try:
                        clean_document(item)
                    except CrosswireError:
                        continue
                took = time.perf_counter() - started
                if took > summary["slowest_seconds"]:
                    summary["slowest_seconds"], summary["slowest"] = round(took, 3), path.name
            analysis = store.analyze(uploads)
            document = analysis_to_dict(analysis)
            summary["stories"] += len(document["stories"])
            summary["articles"] += sum(len(d["articles"]) for d in document["stories"])
    except Exception:
        traceback.print_exc()
        return 70
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
