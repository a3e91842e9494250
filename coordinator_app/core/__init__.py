"""The Qt-free core, in rooms: `store` (the database file and what keeps it safe),
`crypto` (encryption at rest), `records` (the records and the one way to change
them), `views` (what people see of them), `text` (three languages, two alphabets),
`search` and `sample` (demo and synthetic data). `errors` and `about` sit at the
top because every room uses them. The app, the command line, reports, import and
export are faces over these rooms; none of them imports Qt."""
