#!/bin/sh
# Renders the README's terminal screenshots (docs/*.png): runs glossary in a real terminal (tmux),
# captures the screen with its colours, and draws it with Chromium. Needs tmux, aha and chromium.
# Usage: scripts/screenshots.sh   (after npm install)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'tmux -L glossary-shots kill-server 2>/dev/null || true; sleep 1; rm -rf "$work" 2>/dev/null || true' EXIT
mkdir "$work/bin"
ln -s "$root/bin/glossary.cjs" "$work/bin/glossary"

# shot <name> <columns> <command>...: each command typed at a prompt, then the screen drawn to docs/<name>.png
shot() {
  name=$1 columns=$2
  shift 2
  tmux -L glossary-shots kill-server 2>/dev/null && sleep 1 || true
  # FORCE_HYPERLINK: links are drawn as a terminal with hyperlinks shows them (tmux keeps their text only).
  tmux -L glossary-shots new-session -d -x "$columns" -y 70 -s shot \
    "env -i PATH=$work/bin:/usr/bin:/bin HOME=$work TERM=xterm-256color FORCE_HYPERLINK=1 LANG=C.UTF-8 PS1='\$ ' bash --norc --noprofile"
  sleep 1
  for command in "$@"; do
    tmux -L glossary-shots send-keys -t shot "$command" Enter
    sleep 1.5
  done
  tmux -L glossary-shots capture-pane -p -e -t shot | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$work/$name.ans"
  lines=$(grep -c '' "$work/$name.ans")
  {
    printf '<!doctype html><meta charset="utf-8"><style>'
    printf 'body{margin:0;background:#1d1f21}.bar{background:#34363a;height:28px;display:flex;align-items:center;gap:8px;padding-left:12px}'
    printf '.bar i{width:12px;height:12px;border-radius:6px}.term{font:15px/20px "DejaVu Sans Mono",monospace;color:#d5d8d6;padding:12px 16px;white-space:pre}'
    printf '</style><div class="bar"><i style="background:#ff5f56"></i><i style="background:#ffbd2e"></i><i style="background:#27c93f"></i></div><div class="term">'
    # aha names the 16 terminal colours; draw them in a palette made for a dark background.
    aha --no-header < "$work/$name.ans" | sed -e 's/color:purple/color:#c397d8/g' -e 's/color:blue/color:#7aa6da/g' -e 's/color:teal/color:#70c0b1/g' \
      -e 's/color:olive/color:#e7c547/g' -e 's/color:green/color:#b9ca4a/g' -e 's/color:red/color:#d54e53/g' -e 's/color:dimgray/color:#969896/g'
    printf '</div>'
  } > "$work/$name.html"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/chromium" \
    --window-size=$((columns * 9 + 34)),$((lines * 20 + 28 + 24)) --screenshot="$root/docs/$name.png" "file://$work/$name.html" >/dev/null 2>&1
  echo "docs/$name.png: $lines lines"
}

shot lookup 92 "glossary asynchrone"
shot search-related 92 "glossary search -n 4 function passed as an argument | cut -f1" "glossary related closure" "glossary langs asynchronous"
