<?php
/**
 * Sets up common variables and includes the core files.
 */
define( 'WPINC', 'wp-includes' );

require ABSPATH . WPINC . '/version.php';
require ABSPATH . WPINC . '/class-wp-hook.phpp';
require ABSPATH . WPINC . '/plugin.php';
