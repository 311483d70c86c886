---@meta
-- What james-lua gives a script beyond Lua 5.2, for lua-language-server (VS Code's "Lua" extension and other LuaLS
-- clients): completion, hover help and a warning on a misspelt global. The .luarc.json of the scripts folder points
-- the server here. This file is never run: the pack does not take it for a script, and `james-lua-run --check`
-- skips it (its first line is ---@meta). See docs/scripting.md, "Your editor".
--
-- LuaLS cannot give a global to one script only: the globals below are known in every script of the folder, and
-- each one's description says which script the server sets it for.

------------------------------------------------------------------------------------------------------------------
-- VPOP3: settings, users and the message being processed
------------------------------------------------------------------------------------------------------------------

---VPOP3's helpers: global and user settings, users, address expansion, and (inside ProcessMessage) the message.
VPOP3 = {}

---Reads a global setting, one declared as `setting.<Name>=` in james-lua.properties.
---@param name string the setting's name, in any case
---@return boolean found false when there is no such setting
---@return string? value
function VPOP3.GetSetting(name) end

---Changes a global setting that exists; never creates one.
---@param name string
---@param value string
---@return boolean changed false when there is no such setting
function VPOP3.SetSetting(name, value) end

---Follows an address through James's recipient rewrite table to its final recipients.
---@param address string an address, or a name without `@` in James's default domain
---@param inMail? integer VPOP3's In Mail index (-1 for SMTP); changes nothing in James
---@return { Name: string, List: boolean, DeferredExpansion: boolean?, Remote: boolean, Forwarded: boolean }[] entries empty when James would refuse the address
function VPOP3.ExpandAddress(address, inMail) end

---James's user names, in no particular order. Not in a user's own script.
---@return string[] users
function VPOP3.GetUserList() end

---Reads one of a user's settings (a user's own script reads only that user's).
---@param user string James's user name
---@param name string
---@return string? value nil when the user has no such setting
function VPOP3.GetUserSetting(user, name) end

---Stores one of a user's settings (a user's own script stores only that user's).
---@param user string James's user name
---@param name string
---@param value string
---@return boolean stored
function VPOP3.SetUserSetting(user, name, value) end

---ProcessMessage only: the bytes of a message part, undecoded, by its IMAP-style path.
---@param path string "1", "2.1", "HEADER", "TEXT", "1.MIME"; "" or "0" for the whole message
---@return string content
function VPOP3.GetMessagePart(path) end

---ProcessMessage only: moves the message's read position back to its first byte.
function VPOP3.MessageReset() end

---ProcessMessage only: moves the message's read position to a byte offset.
---@param offset integer bytes from the start of the message
function VPOP3.MessageSeek(offset) end

---ProcessMessage only: reads lines from the read position and moves past them.
---@param lines? integer how many lines (1 when left out)
---@return integer count the lines read, fewer at the end of the message or at the string bound
---@return string text the lines, line ends included
function VPOP3.GetMessageLine(lines) end

---ProcessMessage only: decodes an attachment into a file of the scripts folder; leaves no partial file.
---@param attachment integer its number in ProcessMessage's attachments table
---@param file string a name inside the scripts folder
---@return boolean saved
function VPOP3.SaveAttachment(attachment, file) end

------------------------------------------------------------------------------------------------------------------
-- VPOP3Net: DNS, HTTP and WHOIS, each bounded by dns.timeout.ms and the call's time budget
------------------------------------------------------------------------------------------------------------------

---VPOP3's network helpers.
VPOP3Net = {}

---Looks up DNS records; the first server that answers wins.
---@param domain string a name, or an IP address for PTR lookups
---@param type integer 1 A, 2 NS, 5 CNAME, 6 SOA, 12 PTR, 15 MX, 16 TXT, 33 SRV
---@param servers? string "ip;ip:port;[v6]:port", else the configured servers, then the system's
---@return table|integer records the records (Domain, Section, Type, TTL, Value, MXPriority, SOA fields), or on failure the last rcode (3 NXDOMAIN, -1 no answer)
---@return boolean ok test this before reading the first value
function VPOP3Net.GetDNSRecords(domain, type, servers) end

---Fetches a web page over http or https; redirects are not followed.
---@param url string
---@return boolean ok
---@return { Host: string, File: string, Headers: string[], Body: string[], ErrorInfo: string, HTTPResult: integer, StatedLength: integer, ActualLength: integer }? page
---@return string? reason why it failed
function VPOP3Net.GetHTTP(url) end

---Sends a WHOIS query (port 43 unless "host:port").
---@param server string
---@param query string
---@return boolean ok
---@return string? answer the server's answer, or why it failed
function VPOP3Net.GetWHOIS(server, query) end

------------------------------------------------------------------------------------------------------------------
-- os: VPOP3's additions
------------------------------------------------------------------------------------------------------------------

---Waits, never past the call's time budget.
---@param ms integer milliseconds
function os.sleep(ms) end

---Runs a program without a shell and kills it (and its children) at the deadline.
---@param command string split as Windows splits a command line; a name with a slash is in the scripts folder
---@param ms integer the time allowed, in milliseconds
---@param show? boolean ignored on a server
---@return integer exitcode its exit code, 258 when killed at the deadline, -1 when it could not be launched
---@return integer errorcode 0 when it ran; 2 not found, 5 not executable, 193 wrong kind of file, 31 other
---@return string? reason why it could not be launched
function os.timedexecute(command, ms, show) end

---Lists a directory of the scripts folder.
---@param dir string
---@return table<string, { Size: integer, Attributes: string, Creation: integer, LastAccess: integer, LastWrite: integer }>? entries by name; times in seconds since 1970
---@return string? error "no such directory: <name>"
function os.getdirectory(dir) end

---Turns safety mode on: files, programs, the network and global settings are refused until os.clearsafety(key).
---@param key string
function os.setsafety(key) end

---Turns safety mode off again.
---@param key string the key given to os.setsafety
function os.clearsafety(key) end

---@deprecated always refused: the pack runs no other program through a shell (see os.timedexecute)
---@param command string
---@param mode? string
function os.popen(command, mode) end

------------------------------------------------------------------------------------------------------------------
-- Lua 5.0 names that Lua 5.2 dropped, kept for VPOP3 2.x scripts
------------------------------------------------------------------------------------------------------------------

---Lua 5.0: the size of a list (its n field, else a size set by table.setn, else up to the first nil).
---@param list table
---@return integer
function table.getn(list) end

---Lua 5.0: sets the size table.getn reports.
---@param list table
---@param n integer
function table.setn(list, n) end

---Lua 5.0: calls f(key, value) for each entry; stops at and returns the first non-nil result.
---@param t table
---@param f fun(key: any, value: any): any
---@return any
function table.foreach(t, f) end

---Lua 5.0: calls f(index, value) from 1 to table.getn(list); stops at and returns the first non-nil result.
---@param list table
---@param f fun(index: integer, value: any): any
---@return any
function table.foreachi(list, f) end

---Lua 5.0 and 5.1: the largest positive number key of a table.
---@param t table
---@return number
function table.maxn(t) end

---Lua 5.0's string.gmatch, also as s:gfind(pattern).
---@param s string
---@param pattern string
---@return fun(): string, ...
function string.gfind(s, pattern) end

---Lua 5.0's math.fmod.
---@param x number
---@param y number
---@return number
function math.mod(x, y) end

---Lua 5.0 and 5.1: the base-10 logarithm.
---@param x number
---@return number
function math.log10(x) end

---Lua 5.0 and 5.1's table.unpack; stops at an n field or a table.setn size.
---@param list table
---@param i? integer
---@param j? integer
---@return any ...
function unpack(list, i, j) end

---Lua 5.0: the memory in use, in Kbytes (the whole JVM's here).
---@return integer
function gcinfo() end

---Lua 5.0 and 5.1: the globals table of a function or of a stack level.
---@param f? function|integer
---@return table
function getfenv(f) end

---Lua 5.0 and 5.1: sets the globals table of a function or of a stack level.
---@param f function|integer
---@param env table
---@return function?
function setfenv(f, env) end

---@deprecated always refused: scripts load no C libraries
---@param path string
---@param name string
function loadlib(path, name) end

------------------------------------------------------------------------------------------------------------------
-- SMTPSVR.LUA: the SMTP server sets these before every callback and reads the IN/OUT ones back after it
------------------------------------------------------------------------------------------------------------------

---SMTPSVR.LUA (IN): the client's IP address, "192.168.1.1".
---@type string
IPAddress = ""

---SMTPSVR.LUA (IN, the pack's own): the user the client authenticated as with AUTH, "" until then.
---@type string
AuthenticatedUser = ""

---SMTPSVR.LUA (IN/OUT): the client is in an allowed address range (James's authorizedAddresses).
---@type boolean
ValidClientAddress = false

---SMTPSVR.LUA (IN/OUT): the client may relay without authenticating.
---@type boolean
LocalClientAddress = false

---SMTPSVR.LUA (IN/OUT): the client must authenticate to relay.
---@type boolean
AuthenticationRequired = false

---SMTPSVR.LUA (IN/OUT): the user names AUTH may succeed for, separated by spaces; "" for any.
---@type string
AllowedUsers = ""

---SMTPSVR.LUA (IN/OUT): look the client up in the RBL servers (set it in Start()).
---@type boolean
CheckRBL = false

---SMTPSVR.LUA (IN/OUT): the RBL zones to ask (set it in Start()).
---@type string[]
RBLServers = {}

---SMTPSVR.LUA (IN/OUT): client IP patterns (* and ?) never looked up (set it in Start()).
---@type string[]
RBLWhitelist = {}

---SMTPSVR.LUA (IN/OUT): ask every RBL server rather than stop at the first listing (set it in Start()).
---@type boolean
RBLCheckAllServers = false

---SMTPSVR.LUA (IN): the client is listed.
---@type boolean
RBLFound = false

---SMTPSVR.LUA (IN): each listing zone and the address it answered, as a number (127.0.0.2 = 33554559).
---@type table<string, integer>
RBLResultInfo = {}

---SMTPSVR.LUA (IN/OUT): a listed client's messages are accepted as if it were not listed.
---@type boolean
RBLAccept = false

---SMTPSVR.LUA (IN/OUT): a listed client's messages are accepted and dropped.
---@type boolean
RBLBlackhole = false

---SMTPSVR.LUA (IN/OUT): an address that gets a listed client's messages instead of their recipients.
---@type string
RBLRedirect = ""

---SMTPSVR.LUA (IN/OUT): the reply refusing each RCPT TO of a listed client.
---@type string
RBLRejectMessage = ""

---SMTPSVR.LUA (IN/OUT): a whole header line added to a listed client's messages.
---@type string
RBLHeader = ""

------------------------------------------------------------------------------------------------------------------
-- USER_REDIRECT.LUA: set before each MainDoRouting(user), the routing ones read back after it
------------------------------------------------------------------------------------------------------------------

---A size redirection rule of USER_REDIRECT.LUA.
---@class RedirectRule
---@field Target string the address that gets the messages
---@field Threshold number the size in kB; 0 turns the rule off
---@field Copy boolean the mailbox gets the message too
---@field Bigger boolean the rule is for messages over the threshold

---USER_REDIRECT.LUA (IN/OUT): forward the message (false for spam unless ForwardSpam).
---@type boolean
ShouldForward = false

---USER_REDIRECT.LUA (IN/OUT): addresses that get the message too (commas, semicolons or spaces).
---@type string
Assistants = ""

---USER_REDIRECT.LUA (IN/OUT): the assistants only, not the mailbox.
---@type boolean
RedirectToAssistant = false

---USER_REDIRECT.LUA (IN/OUT): the user's mailbox gets the message.
---@type boolean
SendToNormalRecipient = false

---USER_REDIRECT.LUA (IN/OUT): the user's forwarding addresses.
---@type string
Forwards = ""

---USER_REDIRECT.LUA (IN/OUT): forward to Forwards (only when ShouldForward too).
---@type boolean
UseForwards = false

---USER_REDIRECT.LUA (IN/OUT): the redirection of messages over a size.
---@type RedirectRule
BigRedirect = {}

---USER_REDIRECT.LUA (IN/OUT): the redirection of messages under a size.
---@type RedirectRule
SmallRedirect = {}

---USER_REDIRECT.LUA (IN): the message's size in bytes.
---@type integer
MessageSize = 0

---USER_REDIRECT.LUA (IN): the message's spam score (0 when SpamScoreValid is false).
---@type number
SpamScore = 0

---USER_REDIRECT.LUA (IN): a spam score was found on the message.
---@type boolean
SpamScoreValid = false

---USER_REDIRECT.LUA (IN): the sender's address.
---@type string
Sender = ""

---USER_REDIRECT.LUA (IN): the recipient's user name.
---@type string
User = ""

---USER_REDIRECT.LUA (IN): the Subject, decoded, in UTF-8.
---@type string
Subject = ""

---USER_REDIRECT.LUA (IN): each setting the script declares in MainGetSettings, as text.
---@type table<string, string>
UserSettings = {}

---USER_REDIRECT.LUA (IN): the header fields by name, in any case (the last of a repeated field).
---@type table<string, string>
Headers1 = {}

---USER_REDIRECT.LUA (IN): the header lines in order.
---@type string[]
Headers2 = {}
