/*
  Warnings:

  - Every stored idempotent answer is deleted: some held secrets shown once (API keys, invitation links, webhook signing
    secrets), and keys now belong to the caller within one organization, so no stored row could be replayed any more.
    Rows lived 24 hours anyway; a retry of a request sent before this migration runs again.
*/
-- DeleteRows
DELETE FROM "IdempotencyKey";
