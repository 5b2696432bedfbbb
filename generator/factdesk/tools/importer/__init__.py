"""`factdesk import claimreview`: ClaimReview markup as fact-checkers publish it → records."""
