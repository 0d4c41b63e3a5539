CREATE TABLE IF NOT EXISTS articles (
    id    bigserial PRIMARY KEY,
    title text NOT NULL,
    body  text NOT NULL
);
CREATE TABLE IF NOT EXISTS article_audit (
    id         bigserial PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles (id),
    action     text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
