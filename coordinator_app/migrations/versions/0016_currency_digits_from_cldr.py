"""currency digits from CLDR: amounts in currencies with fewer decimals than assumed

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

Amounts are kept in integer minor units of their currency. The number of minor
units was a typed-out table that gave every currency not in it two decimals; it now
comes from Unicode's CLDR through Babel, which gives these currencies none (and the
Iraqi dinar none instead of three). Their stored amounts are rescaled to the same
sum in the new units, rounded to a whole unit: 1 250 000,00 HUF stored as 125000000
becomes 1250000. A budget's project partners' contributions follow their project's
currency. Frozen: the currencies and their digits as they changed on this day.
"""
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

#: code: (digits before this revision, digits after it).
CHANGED = {
    'AFN': (2, 0), 'ALL': (2, 0), 'BIF': (2, 0), 'COP': (2, 0), 'DJF': (2, 0),
    'GNF': (2, 0), 'HUF': (2, 0), 'IDR': (2, 0), 'IQD': (3, 0), 'IRR': (2, 0),
    'KMF': (2, 0), 'KPW': (2, 0), 'LAK': (2, 0), 'LBP': (2, 0), 'MGA': (2, 0),
    'MMK': (2, 0), 'PYG': (2, 0), 'RWF': (2, 0), 'SOS': (2, 0), 'SYP': (2, 0),
    'UGX': (2, 0), 'VND': (2, 0), 'VUV': (2, 0), 'XAF': (2, 0), 'XOF': (2, 0),
    'XPF': (2, 0), 'YER': (2, 0),
}


def _rescale(scaled) -> None:
    for code, (before, after) in CHANGED.items():
        factor = 10 ** abs(before - after)
        op.execute(f"UPDATE projects SET budget_minor = {scaled('budget_minor', factor)} "
                   f"WHERE currency = '{code}' AND budget_minor IS NOT NULL")
        op.execute(f"UPDATE project_partners SET contribution_minor = "
                   f"{scaled('contribution_minor', factor)} "
                   f"WHERE contribution_minor IS NOT NULL AND project_id IN "
                   f"(SELECT id FROM projects WHERE currency = '{code}')")


def upgrade() -> None:
    # In integers, half away from zero: a REAL would round amounts past 2**53.
    _rescale(lambda column, factor: (
        f"CASE WHEN {column} >= 0 THEN ({column} + {factor // 2}) / {factor} "
        f"ELSE -((-{column} + {factor // 2}) / {factor}) END"))


def downgrade() -> None:
    _rescale(lambda column, factor: f"{column} * {factor}")
