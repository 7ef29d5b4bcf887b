#!/usr/bin/env bash
# Proves that the packages in dist/ (made by packaging/dist.sh) install and run:
#   .deb    installs with apt into a fresh Debian 12 chroot (debootstrap), resolves its
#           dependencies there, and its binary checks and exports the example; it needs no
#           glibc newer than 2.28 (统信UOS 20); the arm64 one runs `check` under qemu-user.
#   zip     unpacks to a path with Chinese characters and spaces; under Wine (Xvfb) nianbao.exe
#           `check` gives the same findings as the Linux binary, `export` a PDF whose text
#           (pdftotext) equals the Linux one, the GUI opens a window (screenshot kept), and
#           nothing is written beside the exe.
#   setup   installs silently (/S) per user under Wine: files, shortcuts, uninstaller entry,
#           draft type; a draft opens in the app through the association ("double-click");
#           uninstalls silently and leaves nothing; refuses to install on Windows 7.
#   exe     is a GUI-subsystem program with icon and version information.
# Usage: bash packaging/prove.sh [DIST_DIR]      (as root on Debian 12: installs what it needs)
# Screenshots, PDFs and logs go to $PROVE_OUT (default target/prove). Ends with
# "N passed, M failed" and exits non-zero on any failure.
#
# Test-only: Debian 12's Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust's std
# imports; the shim from shared/tools/wine-shim is built and put beside the exe for the test
# only (never into dist/). Set WINE_SHIM_DIR if shared/ is not beside the checkout.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
dist=$(cd "${1:-$repo/dist}" && pwd)
out=${PROVE_OUT:-$repo/target/prove}
shim_dir=${WINE_SHIM_DIR:-$repo/../shared/tools/wine-shim}
start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
log=$out/log.txt
: > "$log"
pass=0 fail=0
ok() { pass=$((pass + 1)); printf 'PASS  %s\n' "$*"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s  (see %s)\n' "$*" "$log"; }
# check NAME COMMAND...: runs the command (output to the log), passes when it succeeds.
check() {
  local name=$1
  shift
  printf '\n### %s\n' "$name" >> "$log"
  if "$@" >> "$log" 2>&1; then ok "$name"; else bad "$name"; fi
}
section() { printf '\n== %s (%ds)\n' "$*" $(($(date +%s) - start)); }

section "tools"
need=()
for pair in wine64:/usr/lib/wine/wine64 xvfb:/usr/bin/Xvfb poppler-utils:/usr/bin/pdftotext \
  unzip:/usr/bin/unzip imagemagick:/usr/bin/import xdotool:/usr/bin/xdotool \
  debootstrap:/usr/sbin/debootstrap desktop-file-utils:/usr/bin/desktop-file-validate \
  icoutils:/usr/bin/wrestool gcc-mingw-w64-x86-64:/usr/bin/x86_64-w64-mingw32-gcc \
  qemu-user:/usr/bin/qemu-aarch64 libc6-arm64-cross:/usr/aarch64-linux-gnu/lib/libc.so.6; do
  [ -e "${pair#*:}" ] || need+=("${pair%%:*}")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >> "$log" 2>&1
fi
zip=$(ls "$dist"/nianbao-*-windows-x64-portable.zip)
setup=$(ls "$dist"/nianbao-*-windows-x64-setup.exe)
deb=$(ls "$dist"/nianbao_*_amd64.deb)
deb_arm64=$(ls "$dist"/nianbao_*_arm64.deb 2>/dev/null || true)
version=$(basename "$zip" | sed 's/^nianbao-\(.*\)-windows-x64-portable.zip$/\1/')
work=$(mktemp -d)
xvfb_pid=
cleanup() {
  [ -n "${WINEPREFIX:-}" ] && /usr/lib/wine/wineserver -k 2>/dev/null && /usr/lib/wine/wineserver -w 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  [ -d "$work/root/proc/1" ] && umount "$work/root/proc" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
example_rel=examples/jinxiang-2021.ron

# ---------------------------------------------------------------------------------------------
section ".deb (amd64) in a fresh Debian 12 chroot"
deb_contents() {
  local listing
  listing=$(dpkg-deb -c "$1")
  for f in ./usr/lib/nianbao/nianbao ./usr/bin/nianbao ./usr/lib/nianbao/fonts/FandolFang-Regular.ttf \
    ./usr/lib/nianbao/fonts/NianbaoSerif-Regular.ttf \
    ./usr/lib/nianbao/$example_rel ./usr/share/applications/nianbao.desktop \
    ./usr/share/mime/packages/nianbao.xml ./usr/share/icons/hicolor/256x256/apps/nianbao.png \
    ./usr/share/icons/hicolor/scalable/apps/nianbao.svg; do
    grep -q " $f\( \|$\)" <<< "$listing" || { echo "missing in $1: $f"; return 1; }
  done
}
check "deb amd64: holds binary, fonts, example, menu entry, MIME type, icons" deb_contents "$deb"
mkdir -p "$work/deb"
dpkg-deb -x "$deb" "$work/deb"
check "deb: the menu entry is valid and named 年报" \
  sh -c "desktop-file-validate '$work/deb/usr/share/applications/nianbao.desktop' && grep -qx 'Name=年报' '$work/deb/usr/share/applications/nianbao.desktop'"
max_glibc() { objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1; }
glibc_ok() {
  local v
  v=$(max_glibc "$1")
  echo "$1 needs $v"
  [ "$(printf '%s\n' "$v" GLIBC_2.28 | sort -V | tail -1)" = GLIBC_2.28 ]
}
check "deb amd64: binary needs glibc <= 2.28 (统信UOS 20 has 2.28)" glibc_ok "$work/deb/usr/lib/nianbao/nianbao"

root=$work/root
chroot_ready=false
if debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >> "$log" 2>&1; then
  chroot_ready=true
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  cp "$deb" "$root/tmp/"
fi
check "deb: a fresh Debian 12 (debootstrap) was made" $chroot_ready
if $chroot_ready; then
  check "deb: apt installs it with its dependencies in the fresh chroot" \
    chroot "$root" sh -c "apt-get update -q && apt-get install -y -q --no-install-recommends shared-mime-info desktop-file-utils && apt-get install -y -q /tmp/$(basename "$deb")"
  check "deb: the system's MIME database knows *.ron as 年报草稿, opened by nianbao.desktop" \
    sh -c "grep -q 'application/x-nianbao-draft:\*.ron' '$root/usr/share/mime/globs2' && grep -q 年报草稿 '$root/usr/share/mime/application/x-nianbao-draft.xml' && grep -q 'application/x-nianbao-draft=nianbao.desktop' '$root/usr/share/applications/mimeinfo.cache'"
  check "deb: /usr/bin/nianbao check of the example (exit 0)" \
    sh -c "chroot '$root' nianbao check /usr/lib/nianbao/$example_rel > '$out/linux-check.txt'"
  check "deb: check --json" \
    sh -c "chroot '$root' nianbao check /usr/lib/nianbao/$example_rel --json > '$out/linux-check.json'"
  check "deb: export of the example with the bundled fonts" \
    chroot "$root" nianbao export /usr/lib/nianbao/$example_rel -o /tmp/linux.pdf --bundled-fonts
  cp "$root/tmp/linux.pdf" "$out/linux.pdf" 2>/dev/null
  check "deb: the PDF has the report's text" \
    sh -c "pdftotext -layout '$out/linux.pdf' '$out/linux.txt' && grep -q 金乡县人民政府办公室 '$out/linux.txt'"
  umount "$root/proc"
fi

if [ -n "$deb_arm64" ]; then
  section ".deb (arm64)"
  check "deb arm64: holds binary, fonts, example, menu entry, MIME type, icons" deb_contents "$deb_arm64"
  mkdir -p "$work/deb-arm64"
  dpkg-deb -x "$deb_arm64" "$work/deb-arm64"
  a64=$work/deb-arm64/usr/lib/nianbao/nianbao
  check "deb arm64: binary is aarch64 ELF" sh -c "file '$a64' | grep -q 'ARM aarch64'"
  check "deb arm64: binary needs glibc <= 2.28" glibc_ok "$a64"
  check "deb arm64: check under qemu-aarch64 gives the same findings as amd64" \
    bash -c "qemu-aarch64 -L /usr/aarch64-linux-gnu '$a64' check '$work/deb-arm64/usr/lib/nianbao/$example_rel' > '$out/arm64-check.txt'; diff <(sed 's#/usr/lib/nianbao/##' '$out/linux-check.txt') <(sed 's#$work/deb-arm64/usr/lib/nianbao/##' '$out/arm64-check.txt')"
fi

# ---------------------------------------------------------------------------------------------
section "nianbao.exe: PE header and resources"
mkdir -p "$work/unzip-check"
unzip -q "$zip" -d "$work/unzip-check"
pexe=$(ls "$work"/unzip-check/*/nianbao.exe)
check "exe: GUI subsystem (no console window)" \
  sh -c "x86_64-w64-mingw32-objdump -p '$pexe' | grep -E '^Subsystem\s+00000002'"
check "exe: has an icon group and version information" \
  sh -c "wrestool -l '$pexe' | grep -q 'type=14' && wrestool -l '$pexe' | grep -q 'type=16'"
version_strings() {
  wrestool -x --raw --type=16 "$1" | python3 -c '
import sys, re
text = sys.stdin.buffer.read().decode("utf-16-le", "ignore")
want = {"FileDescription": "年报 — 政府信息公开工作年度报告", "ProductName": "年报", "ProductVersion": sys.argv[1]}
for key, value in want.items():
    found = re.search(key + "\x00+([^\x00]+)", text)
    print(key, "=", found and found.group(1))
    if not found or found.group(1) != value:
        sys.exit(1)
' "$version"
}
check "exe: 文件说明, 产品名称 and 版本 are set" version_strings "$pexe"
check "zip: 使用说明.txt is stored in GBK with a UTF-8 Unicode-path field, unzip shows it right" \
  sh -c "ls '$work'/unzip-check/*/使用说明.txt && python3 -c '
import sys, zipfile
names = [i.orig_filename.encode(\"cp437\").decode(\"gbk\") for i in zipfile.ZipFile(sys.argv[1]).infolist() if not i.flag_bits & 0x800]
assert any(n.endswith(\"/使用说明.txt\") for n in names), names
' '$zip'"

# ---------------------------------------------------------------------------------------------
section "Wine: portable zip"
export WINEPREFIX=$work/wineprefix WINEARCH=win64 WINEDEBUG=-all HOME=$work/home LANG=C.UTF-8
export WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$HOME"
wine_bin=/usr/lib/wine/wine64
# Every Wine call is bounded: a dialog box nobody can click must fail a check, not hang.
wine() { timeout 180 "$wine_bin" "$@"; }
# A display of our own: the first free number from 90 on (another user's Xvfb may hold :0-:89).
for display in $(seq 90 199); do
  [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ] || break
done
Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp > /dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=:$display
sleep 2
check "Xvfb runs on its own display $DISPLAY" kill -0 "$xvfb_pid"
wine wineboot -i >> "$log" 2>&1
/usr/lib/wine/wineserver -w
wuser=$(whoami)
drive_c=$WINEPREFIX/drive_c
mkdir -p "$work/shim"
if sh "$shim_dir/build.sh" "$work/shim" >> "$log" 2>&1; then ok "test-only shim bcryptprimitives.dll built"; else bad "test-only shim built from $shim_dir"; fi

portable_parent="$drive_c/测试 目录"
mkdir -p "$portable_parent"
unzip -q "$zip" -d "$portable_parent"
app=$(ls -d "$portable_parent"/*/)
app=${app%/}
winapp="C:\\测试 目录\\$(basename "$app")"
echo "portable folder: $app ($winapp)" >> "$log"
cp "$work/shim/bcryptprimitives.dll" "$app/"
snapshot() { (cd "$app" && find . -printf '%p %s %T@\n' | sort); }
snapshot > "$work/before.txt"
mkdir -p "$drive_c/导出 测试"

wine_check() {
  (cd "$app" && wine nianbao.exe check "$winapp\\examples\\jinxiang-2021.ron" $1) | tr -d '\r'
}
wine_check "" > "$out/wine-check.txt"
check "Wine: nianbao.exe check prints the same findings as the Linux binary" \
  diff <(sed 's#/usr/lib/nianbao/examples/#EX/#' "$out/linux-check.txt") \
       <(sed 's#C:\\测试 目录\\[^\\]*\\examples\\#EX/#' "$out/wine-check.txt")
wine_check --json > "$out/wine-check.json"
check "Wine: check --json is identical to Linux" diff "$out/linux-check.json" "$out/wine-check.json"
(cd "$app" && wine nianbao.exe export "$winapp\\examples\\jinxiang-2021.ron" -o "C:\\导出 测试\\金乡2021.pdf" --bundled-fonts) >> "$log" 2>&1
cp "$drive_c/导出 测试/金乡2021.pdf" "$out/wine.pdf" 2>> "$log"
check "Wine: export wrote the PDF" test -s "$out/wine.pdf"
check "Wine: the PDF's text (pdftotext -layout) equals the Linux PDF's" \
  sh -c "pdftotext -layout '$out/wine.pdf' '$out/wine.txt' && diff '$out/linux.txt' '$out/wine.txt'"
check "Wine: both PDFs have the same number of pages" \
  sh -c "[ \"\$(pdfinfo '$out/linux.pdf' | grep Pages)\" = \"\$(pdfinfo '$out/wine.pdf' | grep Pages)\" ]"

# window_up TITLE_PART PNG: waits up to 90 s for a window whose title has TITLE_PART, then
# screenshots the screen into PNG and checks that it is not blank.
window_up() {
  local i
  for i in $(seq 90); do
    if xdotool search --name "$1" > /dev/null 2>&1; then
      sleep 8
      xdotool search --name "$1" getwindowname %@
      import -window root "$2"
      [ "$(identify -format %k "$2")" -gt 50 ]
      return
    fi
    sleep 1
  done
  echo "no window named '$1' after 90 s"
  return 1
}
(cd "$app" && wine nianbao.exe >> "$log" 2>&1 &)
check "Wine: the GUI opens its window (screenshot $out/wine-gui.png)" window_up "年报 — 政府信息公开工作年度报告" "$out/wine-gui.png"
/usr/lib/wine/wineserver -k
/usr/lib/wine/wineserver -w
snapshot > "$work/after.txt"
check "portable: nothing was written beside nianbao.exe (check, export, GUI)" diff "$work/before.txt" "$work/after.txt"
check "portable: the GUI's own data went to %APPDATA%\\nianbao" test -d "$drive_c/users/$wuser/AppData/Roaming/nianbao"

# ---------------------------------------------------------------------------------------------
section "Wine: installer"
inst=$drive_c/users/$wuser/AppData/Local/Programs/nianbao
startmenu="$drive_c/users/$wuser/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
desktop=$drive_c/users/$wuser/Desktop
wine reg add 'HKCU\Software\Wine' /v Version /d win7 /f >> "$log" 2>&1
wine "$setup" /S >> "$log" 2>&1
/usr/lib/wine/wineserver -w
check "setup: refuses Windows 7 (nothing installed)" test ! -e "$inst"
wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >> "$log" 2>&1
/usr/lib/wine/wineserver -w

wine "$setup" /S >> "$log" 2>&1
/usr/lib/wine/wineserver -w
check "setup /S: installed per user to %LOCALAPPDATA%\\Programs\\nianbao" \
  sh -c "test -f '$inst/nianbao.exe' && test -f '$inst/uninstall.exe' && test -f '$inst/$example_rel' && [ \$(ls '$inst'/fonts/*.otf '$inst'/fonts/*.ttf | wc -l) -eq 6 ]"
check "setup /S: Start-menu and desktop shortcuts 年报.lnk" test -f "$startmenu/年报.lnk" -a -f "$desktop/年报.lnk"
# reg_has KEY VALUE_NAME TEXT: the value (the key's default when VALUE_NAME is empty) has TEXT.
reg_has() {
  local which=(/v "$2")
  [ -n "$2" ] || which=(/ve)
  wine reg query "$1" "${which[@]}" 2>&1 | tr -d '\r' | tee -a "$log" | grep -qF -- "$3"
}
check "reg: drafts (.ron) are of type nianbao.draft" reg_has 'HKCU\Software\Classes\.ron' '' nianbao.draft
# reg query prints in the console's code page; reg export writes UTF-16 with the Chinese intact.
wine reg export 'HKCU\Software\Classes\nianbao.draft' 'C:\progid.reg' /y >> "$log" 2>&1
iconv -f UTF-16LE -t UTF-8 "$drive_c/progid.reg" | tr -d '\r' > "$out/reg-progid.txt" 2>> "$log"
check "reg: the draft type is named 年报草稿" grep -qx '@="年报草稿"' "$out/reg-progid.txt"
wine reg export 'HKCU\Software\Classes\nianbao.draft\shell\open\command' 'C:\command.reg' /y >> "$log" 2>&1
iconv -f UTF-16LE -t UTF-8 "$drive_c/command.reg" | tr -d '\r' > "$out/reg-command.txt" 2>> "$log"
check "reg: drafts open with the installed nianbao.exe" grep -qF 'AppData\\Local\\Programs\\nianbao\\nianbao.exe\" \"%1\"' "$out/reg-command.txt"
check "reg: listed in 设置 > 应用 with a quiet uninstaller" reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao' QuietUninstallString 'uninstall.exe" /S'

cp "$work/shim/bcryptprimitives.dll" "$inst/"
mkdir -p "$drive_c/草稿 测试"
cp "$repo/$example_rel" "$drive_c/草稿 测试/金乡2021.ron"
# Explorer runs the open command of the draft's type with the file for %1. Wine 8's
# ShellExecute (`wine start`) reads HKLM's classes only, not the per-user HKCU\Software\Classes
# that a non-admin install writes (Windows merges both), so the test runs the registered
# command itself: the exe named in it, with the draft's path as its argument.
open_cmd=$(sed -n 's/^@="\(.*\)"$/\1/p' "$out/reg-command.txt" | sed 's/\\\\/\\/g; s/\\"/"/g')
echo "registered open command: $open_cmd" >> "$log"
open_exe=$(sed 's/^"\([^"]*\)".*/\1/' <<< "$open_cmd")
if [ "$open_cmd" = "\"$open_exe\" \"%1\"" ]; then
  (wine "$open_exe" 'C:\草稿 测试\金乡2021.ron' >> "$log" 2>&1 &)
fi
check "setup: a draft opened with its type's registered command opens in the app (screenshot $out/wine-draft.png)" \
  window_up "金乡2021" "$out/wine-draft.png"
/usr/lib/wine/wineserver -k
/usr/lib/wine/wineserver -w
rm -f "$inst/bcryptprimitives.dll"

wine "$inst/uninstall.exe" /S >> "$log" 2>&1
/usr/lib/wine/wineserver -w
for i in $(seq 30); do [ -e "$inst" ] || break; sleep 1; done
check "uninstall /S: program folder removed" test ! -e "$inst"
check "uninstall /S: shortcuts removed" test ! -e "$startmenu/年报.lnk" -a ! -e "$desktop/年报.lnk"
check "uninstall /S: file type and uninstaller entry removed" \
  sh -c "! timeout 60 '$wine_bin' reg query 'HKCU\\Software\\Classes\\nianbao.draft' && ! timeout 60 '$wine_bin' reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\nianbao'"
check "uninstall /S: the user's drafts and %APPDATA%\\nianbao are kept" \
  test -f "$drive_c/草稿 测试/金乡2021.ron" -a -d "$drive_c/users/$wuser/AppData/Roaming/nianbao"

echo
echo "artifacts: $out (screenshots wine-gui.png, wine-draft.png; PDFs; log.txt)"
echo "prove.sh took $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
