# bash completion for lede: commands, report names, report options (read
# from 'lede report NAME --help', so a report's header declarations are
# the one source), lede's own options (from 'lede --help'), formats.
# Installed as share/bash-completion/completions/lede; or source this file.

# The lede being completed: the word typed, when it runs, else lede on PATH.
_lede_bin() {
  local w=${COMP_WORDS[0]}
  [[ $w == */* && -x $w ]] && { printf '%s\n' "$w"; return; }
  printf '%s\n' "${w:-lede}"
}

# lede's own long options, as its --help lists them.
_lede_options() {
  "$1" --help 2>/dev/null | sed -nE 's/^ +(-[a-zA-Z], )?(--[a-z][a-z0-9-]*).*/\2/p' | sort -u
  # options --help names beside the commands, not in its option list
  printf '%s\n' --format --list --skip-bad -o -q -j -l -h -V
}

# The options a report declares (its --help: "  --top=N  ..." lines).
_lede_report_options() {
  "$1" report "$2" --help 2>/dev/null | sed -n 's/^  \(--[a-z][a-z0-9-]*\).*/\1/p'
}

# Does option $2 of lede $1 (or of report $3) take a value?
_lede_takes_value() {
  case $2 in
    -o|--output|-j|--jobs|--shard|--format|--rules|--section|--output-dir|--color|--colour|--max-*) return 0 ;;
    --*=*|-?) return 1 ;;
  esac
  [[ -n $3 ]] && "$1" report "$3" --help 2>/dev/null | grep -q -- "^  $2="
}

_lede() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local lede cmd="" name="" i w
  lede=$(_lede_bin)
  COMPREPLY=()
  # --opt=value split by COMP_WORDBREAKS: complete the value
  if [[ $cur == "=" ]]; then prev=${COMP_WORDS[COMP_CWORD - 1]}; cur=""
  elif [[ $prev == "=" ]]; then prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  # the command and its first word (a report's NAME), past options and their values
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ $w == "=" ]]; then ((i++)); continue; fi
    if [[ ${COMP_WORDS[i + 1]} == "=" ]]; then ((i += 2)); continue; fi
    if [[ $w == -* ]]; then
      _lede_takes_value "$lede" "$w" "$name" && ((i++))
      continue
    fi
    if [[ -z $cmd ]]; then cmd=$w
    elif [[ -z $name ]]; then name=$w
    fi
  done
  case $prev in
    -o|--output) COMPREPLY=($(compgen -W "text json csv md html dot" -- "$cur")); return ;;
    --color|--colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "conll pages brat timeml" -- "$cur")); return ;;
    --output-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --rules) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -j|--jobs|--shard|--section|--max-*) return ;;
  esac
  if [[ $cur == -* ]]; then
    local opts
    opts=$(_lede_options "$lede")
    if [[ ($cmd == report || $cmd == merge) && -n $name ]]; then
      opts+=$'\n'$(_lede_report_options "$lede" "$name")
    elif [[ -n $cmd && $cmd != report && $cmd != merge && $cmd != help ]]; then
      # a command's own options (extract --fields, train's)
      opts+=$'\n'$("$lede" "$cmd" --help 2>/dev/null | sed -nE 's/^ +(-[a-zA-Z], )?(--[a-z][a-z0-9-]*).*/\2/p')
    fi
    COMPREPLY=($(compgen -W "$(printf '%s\n' "$opts" | sort -u)" -- "$cur"))
    return
  fi
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "run report repl stats rules extract merge eval train help" -- "$cur"))
    return
  fi
  if [[ ($cmd == report || $cmd == merge) && -z $name ]]; then
    COMPREPLY=($(compgen -W "$("$lede" report --list 2>/dev/null | awk '{print $1}')" -- "$cur"))
    [[ $cur == */* || $cur == .* ]] && COMPREPLY+=($(compgen -f -- "$cur"))
    return
  fi
  if [[ $cmd == help && -z $name ]]; then
    COMPREPLY=($(compgen -W "run report repl stats rules extract merge eval train help" -- "$cur"))
    return
  fi
  if [[ $cmd == help && ($name == report || $name == merge) ]]; then
    COMPREPLY=($(compgen -W "$("$lede" report --list 2>/dev/null | awk '{print $1}')" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}

complete -o filenames -F _lede lede
