<?php
// class-wp-hook
