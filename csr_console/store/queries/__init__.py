"""Read-only queries of the cache, one module per screen family, answering frozen dataclasses.

The UI's Qt models wrap these rows; the queries never hold a transaction open longer than one call.
"""
