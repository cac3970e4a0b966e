<?php
// Three hours of 500s: a misspelt template name.
return array(
	'layout'  => 'layuot.php',
	'sidebar' => 'sidebar.php',
	'title'   => 'Welcome to the shop',
);
