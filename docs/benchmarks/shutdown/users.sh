#!/usr/bin/env bash
W=http://127.0.0.1:$1
curl -s -XPUT $W/domains/example.local
curl -s -XPUT -H 'Content-Type: application/json' $W/users/user@example.local --data '{"password":"Secret123"}'
