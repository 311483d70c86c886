#!/usr/bin/env bash
# setup.sh DIR BASEPORT pack|stock : a James 3.8.1 folder on 127.0.0.1:BASEPORT+ (smtp +25, submission +87, smtps +65, imap +43, imaps +93, webadmin +80, jmx +99)
set -euo pipefail
DIR=$1 B=$2 KIND=$3
rm -rf "$DIR"
cp -a "$(cd "$(dirname "$0")/../../.." && pwd)"/distribution/target/james-server-memory-app "$DIR"
C=$DIR/conf
sed -i "s#<bind>0.0.0.0:25</bind>#<bind>127.0.0.1:$((B+25))</bind>#; s#<bind>0.0.0.0:465</bind>#<bind>127.0.0.1:$((B+65))</bind>#; s#<bind>0.0.0.0:587</bind>#<bind>127.0.0.1:$((B+87))</bind>#" $C/smtpserver.xml
sed -i "s#<bind>0.0.0.0:143</bind>#<bind>127.0.0.1:$((B+43))</bind>#; s#<bind>0.0.0.0:993</bind>#<bind>127.0.0.1:$((B+93))</bind>#; s#<plainAuthDisallowed>true</plainAuthDisallowed>#<plainAuthDisallowed>false</plainAuthDisallowed>#" $C/imapserver.xml
sed -i "s#port=8000#port=$((B+80))#; s#host=localhost#host=127.0.0.1#" $C/webadmin.properties
sed -i "s#jmx.port=9999#jmx.port=$((B+99))#" $C/jmx.properties
python3 - "$C/jmap.properties" <<'P'
import sys;p=sys.argv[1];s=open(p).read();open(p,'w').write(s.replace('\nenabled=true','\nenabled=false'))
P
sed -i "s#/logs/james.#$DIR/logs/james.#" $C/logback.xml
/usr/lib/jvm/java-11-openjdk-amd64/bin/keytool -genkeypair -alias james -keyalg RSA -storetype PKCS12 -keystore $C/keystore -storepass james72laBalle -keypass james72laBalle -dname CN=localhost -validity 2 >/dev/null 2>&1
if [ "$KIND" = pack ]; then "$(cd "$(dirname "$0")/../../.." && pwd)"/deploy-to-james.sh "$DIR" ; fi
