"""The commitment ledger: every dated commitment followed across articles and time.

Reads stored records (commitments, time expressions, bodies) and writes the ledger tables; an
ingest files each new article into the entries it touches (``update``)."""

from newsgraph.ledger.entries import Ledger, build, refresh, status
from newsgraph.ledger.model import LedgerChange, LedgerEntry, LedgerOutcome, LedgerStatement

__all__ = ["Ledger", "LedgerChange", "LedgerEntry", "LedgerOutcome", "LedgerStatement", "build", "refresh", "status"]
