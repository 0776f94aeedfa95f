# capture.zsh DIR LINE: the completions zsh offers at the end of LINE, one a
# line, with the _cppvenv in DIR (markers are split in the source so that the
# terminal's echo of the typed code never matches them).
zmodload zsh/zpty || exit 77
zpty z zsh -f -i
zpty -w z "PROMPT= RPROMPT= ; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits; builtin compadd -A __hits "$@"
  local h; for h in $__hits; do print -r -- "<HI""T>$h<""/HIT>"; done
  builtin compadd "$@"
}'
zpty -w z 'comppostfuncs=(__done); __done() { print -r -- "<EN""D>"; exit }'
zpty -w z "bindkey '^I' complete-word"
zpty -n -w z "$2"$'\t'
local out="" line
while zpty -r z line; do
  out+=$line
  [[ $out == *"<END>"* ]] && break
done
zpty -d z
local -a hits=(${(f)"$(print -r -- $out | grep -o '<HIT>[^<]*</HIT>')"})
for line in $hits; do line=${line#<HIT>}; print -r -- ${line%</HIT>}; done
