#!/bin/bash
# Traps 2 and 3 in a real X window (Xvfb + xdotool): typed dates and the wheel over unfocused
# fields. Needs: apt-get install -y xvfb xdotool libxcb-icccm4 libxcb-keysyms1. Prints JSON.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
export LCD_X_DIR="${LCD_X_DIR:-/tmp/lcd-real-window}"; D=$LCD_X_DIR
mkdir -p $D; rm -f $D/coords*.json $D/go* $D/result.json
Xvfb :77 -screen 0 1366x768x24 -nolisten tcp > $D/xvfb.log 2>&1 &
XPID=$!
sleep 1.5
export DISPLAY=:77
cd "$HERE/../../.." && . .venv/bin/activate
QT_QPA_PLATFORM=xcb timeout 120 python "$HERE/real_window_driver.py" > $D/app.log 2>&1 &
APID=$!
for i in $(seq 1 100); do [ -f $D/coords1.json ] && break; sleep 0.3; done
cat $D/coords1.json; echo
read X Y <<< $(python -c "import json;c=json.load(open('$D/coords1.json'))['date'];print(c[0],c[1])")
xdotool mousemove $X $Y click 1; sleep 0.3
xdotool key ctrl+a; xdotool type --delay 40 "20/11/2026"; xdotool key Tab; sleep 0.3
xdotool mousemove $X $Y click 1; sleep 0.2
xdotool key End; for i in $(seq 1 10); do xdotool key BackSpace; done
xdotool type --delay 40 "20/11/2026"; xdotool key Tab; sleep 0.3
xdotool mousemove $X $Y click 1; sleep 0.2
xdotool key ctrl+a; xdotool type --delay 40 "20112026"; xdotool key Tab; sleep 0.3
touch $D/go2
for i in $(seq 1 100); do [ -f $D/coords2.json ] && break; sleep 0.3; done
cat $D/coords2.json; echo
read CX CY SX SY <<< $(python -c "import json;c=json.load(open('$D/coords2.json'));print(*c['cutoff'],*c['scheme'])")
# three notches down over "Ngày chốt số liệu", two up over "Chốt số liệu", neither focused
xdotool mousemove $CX $CY; sleep 0.2; xdotool click 5; sleep 0.1; xdotool click 5; sleep 0.1; xdotool click 5; sleep 0.3
xdotool mousemove $SX $SY; sleep 0.2; xdotool click 4; sleep 0.1; xdotool click 4; sleep 0.3
touch $D/go3
for i in $(seq 1 50); do [ -f $D/result.json ] && break; sleep 0.3; done
cat $D/result.json; echo
wait $APID; echo "app rc=$?"
kill $XPID
