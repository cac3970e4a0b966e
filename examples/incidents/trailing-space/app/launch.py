import runpy

# A trailing space after .py took the whole application down.
runpy.run_path("/var/www/html/index.py ", run_name="__main__")
