#!/usr/bin/env lua
return "ran", debug and 2
