"""Encryption at rest: the key slots that unlock a database, the keys this process holds, and turning encryption on and off."""
