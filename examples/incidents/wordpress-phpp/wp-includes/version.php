<?php
// version
