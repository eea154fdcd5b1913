"""`voyager skills serve`: a small local web page over a skill library."""
