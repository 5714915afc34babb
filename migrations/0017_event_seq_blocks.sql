-- The store's sequence numbers are taken in blocks: each nextval is the first of 8192 numbers (ingest's
-- seq.ts). A 1 MB block of an NDJSON body took one nextval per line, and its 4,000 numbers travelled to
-- the server and on to the worker that writes its rows; now one number does. A single event still takes
-- one nextval. The numbers only order the events as received, so the gaps mean nothing.
ALTER SEQUENCE events_seq INCREMENT BY 8192;
