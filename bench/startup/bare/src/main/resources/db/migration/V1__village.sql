CREATE TABLE village (
    id   bigint PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    name varchar(200) NOT NULL
);

INSERT INTO village (id, code, name) VALUES
    (1, 'V01', 'First village'),
    (2, 'V02', 'Second village'),
    (3, 'V03', 'Third village');
