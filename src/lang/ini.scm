; INI files and php.ini. Capture names are the contract with extract.rs:
;   @key     a setting name (checked against rules/php-ini.txt where the file is php.ini)
;   @string  a setting value       @address  the value of an address setting (smtp_port)

(setting (setting_name) @key)
(setting (setting_value) @string)

(setting
  (setting_name) @_name
  (setting_value) @address
  (#match? @_name "(?i)(_url|_uri|_host|_port)$"))
