#!/usr/bin/env bash
# Deploys the james-lua pack into an Apache James 3.8.x Guice server: the README's "Deploying into James 3.8.x"
# steps, one function each, in the same order. Run it while James is stopped, then start James.
#
#   ./deploy-to-james.sh JAMES_FOLDER [EXTENSION_JAR]
#
# JAMES_FOLDER is James's working directory: the folder holding conf/ and extensions-jars/ (the unpacked
# distribution, or /root in a Docker image built like James's). EXTENSION_JAR defaults to the one jar
# extension/target/james-lua-extension-*.jar of this repository's build.
#
# It changes only what the pack needs and keeps the rest of your configuration, ports included: each file it
# changes is first copied to FILE.before-james-lua (once: a second run keeps the first copy). Files the pack ships
# whole (james-lua.properties, fetchmail.xml, the scripts) are copied only where they do not exist yet. What it
# cannot merge safely it leaves to you, says so, and exits with status 3.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLES=$HERE/conf-samples
# The pack's webadmin routes (extensions.routes of webadmin.properties): PASSWORDCHECK.LUA on PUT /users/<user>,
# the scripts' state (/james-lua/scripts), users' settings (/james-lua/users/<user>/settings)
WEBADMIN_ROUTES="org.jameslua.mailets.PasswordCheckRoutes,org.jameslua.james.webadmin.ScriptsRoutes,org.jameslua.mailets.UserSettingsRoutes"
# James 3.8.1's own conf/mailetcontainer.xml of the memory server, unchanged: only that one is replaced whole
STOCK_MAILETCONTAINER_SHA256=deab1aaf5443a4956dbb2780b2eaf6ed65829bf20a664af45392f548247b9d15

actions=()

say() { printf '%s\n' "$*"; }
action() { actions+=("$*"); say "ACTION NEEDED: $*"; }

usage() {
    say "usage: $0 JAMES_FOLDER [EXTENSION_JAR]" >&2
    exit 2
}

backup() {
    [ -e "$1.before-james-lua" ] || cp -p "$1" "$1.before-james-lua"
}

# sed on a file, without GNU sed's -i
edit() {
    local file=$1
    shift
    sed "$@" "$file" > "$file.james-lua-tmp"
    mv "$file.james-lua-tmp" "$file"
}

ends_with_newline() {
    [ ! -s "$1" ] || [ -z "$(tail -c 1 "$1")" ]
}

# KEY=VALUE in a properties file, or VALUE added to KEY's comma-separated list when KEY is set already
add_to_list() {
    local file=$1 key=$2 value=$3 key_re current
    key_re=$(printf '%s' "$key" | sed 's/\./\\./g')
    if [ -f "$file" ] && grep -q "^[[:space:]]*$key_re[[:space:]]*=" "$file"; then
        current=$(grep "^[[:space:]]*$key_re[[:space:]]*=" "$file" | tail -n 1 | sed 's/^[^=]*=[[:space:]]*//')
        case ",$(printf '%s' "$current" | tr -d ' \r')," in
            *",$value,"*) say "  $key already lists $value"; return ;;
        esac
        backup "$file"
        edit "$file" "s|^[[:space:]]*$key_re[[:space:]]*=.*|$key=${current:+$current,}$value|"
    else
        [ ! -f "$file" ] || backup "$file"
        ends_with_newline "$file" 2>/dev/null || printf '\n' >> "$file"
        printf '%s=%s\n' "$key" "$value" >> "$file"
    fi
    say "  $key: added $value"
}

sample_value() {
    grep "^$2=" "$SAMPLES/james-conf/$1" | sed 's/^[^=]*=//' | tr ',' ' '
}

sha256() {
    if command -v sha256sum > /dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d ' ' -f 1
}

copy_if_absent() {
    if [ -e "$2" ]; then
        say "  $(basename "$2") exists: kept as it is (the sample is $1)"
    else
        cp "$1" "$2"
        say "  $(basename "$2") copied from the sample"
    fi
}

# Step 1: the jar into extensions-jars/, replacing an earlier version of the pack
deploy_jar() {
    say "1. the jar"
    mkdir -p "$JAMES/extensions-jars"
    local old
    for old in "$JAMES"/extensions-jars/james-lua-extension-*.jar; do
        if [ -e "$old" ] && [ "$(basename "$old")" != "$(basename "$JAR")" ]; then
            rm "$old"
            say "  removed $(basename "$old")"
        fi
    done
    cp "$JAR" "$JAMES/extensions-jars/"
    say "  extensions-jars/$(basename "$JAR")"
}

# Step 2: the configuration
configure_extensions() {
    say "2. conf/extensions.properties"
    local key class
    for key in guice.extension.module guice.extension.startable; do
        for class in $(sample_value extensions.properties "$key"); do
            add_to_list "$CONF/extensions.properties" "$key" "$class"
        done
    done
}

configure_pack() {
    say "   conf/james-lua.properties and conf/fetchmail.xml"
    copy_if_absent "$SAMPLES/james-conf/james-lua.properties" "$CONF/james-lua.properties"
    copy_if_absent "$SAMPLES/james-conf/fetchmail.xml" "$CONF/fetchmail.xml"
}

# Each <handlerchain> gets the pack's core handlers package, which replaces CoreCmdHandlerLoader; binds, TLS and
# every other element stay yours.
configure_smtpserver() {
    say "   conf/smtpserver.xml"
    local file=$CONF/smtpserver.xml
    if grep -q 'org\.jameslua\.smtp\.LuaSmtpHandlers' "$file"; then
        say "  already runs SMTPSVR.LUA: left as it is"
        return
    fi
    if grep -q 'coreHandlersPackage=' "$file"; then
        action "conf/smtpserver.xml names another coreHandlersPackage: merge the <handlerchain> of $SAMPLES/james-conf/smtpserver.xml by hand"
        return
    fi
    backup "$file"
    edit "$file" \
        -e 's#<handlerchain\([[:space:]>]\)#<handlerchain coreHandlersPackage="org.jameslua.smtp.LuaSmtpHandlers"\1#g' \
        -e '/<handler[[:space:]][[:space:]]*class="org\.apache\.james\.smtpserver\.CoreCmdHandlerLoader"[[:space:]]*\/>/d'
    say "  $(grep -c 'org\.jameslua\.smtp\.LuaSmtpHandlers' "$file") handler chain(s) now run SMTPSVR.LUA"
    if grep -q 'CoreCmdHandlerLoader' "$file"; then
        action "conf/smtpserver.xml still names CoreCmdHandlerLoader: remove that <handler> from each <handlerchain>"
    fi
}

# Replaced whole only when it is James 3.8.1's own memory-server file: the sample is that file plus the pack.
configure_mailetcontainer() {
    say "   conf/mailetcontainer.xml"
    local file=$CONF/mailetcontainer.xml
    if grep -q 'org\.jameslua\.' "$file"; then
        say "  already has the pack's mailets: left as it is (after an upgrade, compare with $SAMPLES/james-conf/mailetcontainer.xml)"
    elif [ "$(sha256 "$file")" = "$STOCK_MAILETCONTAINER_SHA256" ]; then
        backup "$file"
        cp "$SAMPLES/james-conf/mailetcontainer.xml" "$file"
        say "  James's own file: replaced by the sample (James's file with the pack's mailets)"
    else
        cp "$SAMPLES/james-conf/mailetcontainer.xml" "$file.james-lua"
        action "conf/mailetcontainer.xml is not James 3.8.1's own memory-server file: merge the elements marked james-lua of conf/mailetcontainer.xml.james-lua into it"
    fi
}

configure_webadmin() {
    say "   conf/webadmin.properties"
    local route
    for route in $(printf '%s' "$WEBADMIN_ROUTES" | tr ',' ' '); do
        add_to_list "$CONF/webadmin.properties" extensions.routes "$route"
    done
}

configure_logging() {
    say "   conf/logback.xml"
    local file=$CONF/logback.xml
    if [ ! -f "$file" ]; then
        cp "$SAMPLES/james-conf/logback.xml" "$file"
        say "  copied from the sample"
    elif grep -q '"org\.jameslua"' "$file"; then
        say "  already has a logger for org.jameslua"
    else
        backup "$file"
        awk '/<\/configuration>/ { print "        <logger name=\"org.jameslua\" level=\"INFO\" />" } { print }' \
            "$file" > "$file.james-lua-tmp"
        mv "$file.james-lua-tmp" "$file"
        say "  logger org.jameslua at INFO added"
    fi
}

check_keystore() {
    if [ ! -f "$CONF/keystore" ] && grep -qs 'file://conf/keystore' "$CONF/smtpserver.xml" "$CONF/imapserver.xml"; then
        action "the TLS listeners read conf/keystore, which does not exist: keytool -genkeypair -alias james -keyalg RSA -storetype PKCS12 -keystore $CONF/keystore -storepass SECRET -dname CN=HOST -validity 3650 (SECRET: the <secret> of smtpserver.xml and imapserver.xml; HOST: the server's name; without -validity the certificate expires after 90 days)"
    fi
}

# Step 3: the scripts, into scripts.folder of james-lua.properties
scripts_folder() {
    local folder
    folder=$({ grep '^[[:space:]]*scripts\.folder[[:space:]]*=' "$CONF/james-lua.properties" || true; } \
        | tail -n 1 | sed -e 's/^[^=]*=[[:space:]]*//' -e 's/[[:space:]]*$//')
    folder=${folder:-file://conf/lua/}
    folder=${folder#file://}
    case "$folder" in
        /*) printf '%s' "$folder" ;;
        *) printf '%s' "$JAMES/$folder" ;;
    esac
}

# The sample scripts this script installed, or found in place, are recorded in SAMPLES_MANIFEST of the scripts
# folder: one the operator deleted since (in VPOP3 deleting a script switches its feature off) is not put back,
# while a sample new in this version of the pack is added.
SAMPLES_MANIFEST=james-lua-samples.txt

# The name of the file of FOLDER that is script NAME: the pack finds scripts in any letter case, as VPOP3 on Windows
# did, so a smtpsvr.lua brought from there is SMTPSVR.LUA
script_in_any_case() {
    local file lower
    lower=$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')
    for file in "$1"/*; do
        if [ -f "$file" ] && [ "$(basename "$file" | tr '[:upper:]' '[:lower:]')" = "$lower" ]; then
            basename "$file"
            return 0
        fi
    done
    return 1
}

deploy_scripts() {
    local folder script name manifest yours
    folder=$(scripts_folder)
    manifest=$folder/$SAMPLES_MANIFEST
    say "3. the scripts, into $folder"
    mkdir -p "$folder"
    [ -f "$manifest" ] || printf '%s\n' \
        "# The sample scripts deploy-to-james.sh installed or found here; it does not put back one deleted since." \
        "# Remove a name from this list to have the next deployment copy that sample again." > "$manifest"
    for script in "$SAMPLES"/scripts/*.LUA; do
        name=$(basename "$script")
        # beside the operator's own smtpsvr.lua a sample SMTPSVR.LUA would be the one the pack runs (an exact name wins)
        if yours=$(script_in_any_case "$folder" "$name") && [ "$yours" != "$name" ]; then
            say "  $yours is $name (names are matched in any case): kept as it is, the sample not copied"
        elif [ ! -e "$folder/$name" ] && grep -qx "$name" "$manifest"; then
            say "  $name was deleted since it was deployed: not put back (see $SAMPLES_MANIFEST)"
            continue
        else
            copy_if_absent "$script" "$folder/$name"
        fi
        grep -qx "$name" "$manifest" || printf '%s\n' "$name" >> "$manifest"
    done
    deploy_editor_files "$folder"
}

# Step 3 continued: what a script writer's editor reads (docs/scripting.md, "Your editor"). The definitions describe
# this version of the pack, so they replace an earlier version's; .luarc.json is the operator's to change.
deploy_editor_files() {
    local folder=$1
    mkdir -p "$folder/library"
    cp "$SAMPLES/scripts/library/james-lua.d.lua" "$folder/library/james-lua.d.lua"
    say "  library/james-lua.d.lua: the definitions for editors, of this version of the pack"
    copy_if_absent "$SAMPLES/scripts/.luarc.json" "$folder/.luarc.json"
}

[ $# -ge 1 ] && [ $# -le 2 ] || usage
JAMES=$(cd "$1" && pwd)
CONF=$JAMES/conf
if [ $# -eq 2 ]; then
    JAR=$2
else
    shopt -s nullglob
    jars=("$HERE"/extension/target/james-lua-extension-*.jar)
    shopt -u nullglob
    [ ${#jars[@]} -eq 1 ] || { say "build the jar first (mvn -B package -DskipTests), or name it" >&2; usage; }
    JAR=${jars[0]}
fi
[ -f "$JAR" ] || { say "no such jar: $JAR" >&2; exit 2; }
for required in smtpserver.xml mailetcontainer.xml; do
    [ -f "$CONF/$required" ] || { say "$CONF/$required not found: is $JAMES James's working directory?" >&2; exit 2; }
done

say "Deploying $(basename "$JAR") into $JAMES"
deploy_jar
configure_extensions
configure_pack
configure_smtpserver
configure_mailetcontainer
configure_webadmin
configure_logging
check_keystore
deploy_scripts

if [ ${#actions[@]} -gt 0 ]; then
    say ""
    say "Done, but ${#actions[@]} thing(s) are left to you:"
    printf '  - %s\n' "${actions[@]}"
    exit 3
fi
say "Done. Start James from its folder (the memory server: cd \"$JAMES\" && java -Dworking.directory=. -Dlogback.configurationFile=conf/logback.xml -Djdk.tls.ephemeralDHKeySize=2048 -jar james-server-memory-app.jar) and check it works (README, Deploying, step 5)."
