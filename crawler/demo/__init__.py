"""The bundled demo: synthetic outlet sites and the WARC capture generated from them."""
