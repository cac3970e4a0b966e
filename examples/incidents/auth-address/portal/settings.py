# Every serving thread blocked on an address that cannot exist.
AUTH_LDAP_SERVER_URI = "ldap://10.0.0.300:389"
AUTH_FALLBACK_URL = "https://auth.example.com:70000/login"
SESSION_CACHE = "redis://localhsot:6379/1"
TOKEN_ENDPOINT = "htps://auth.example.com/token"
