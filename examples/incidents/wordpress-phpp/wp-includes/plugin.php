<?php
// plugin
