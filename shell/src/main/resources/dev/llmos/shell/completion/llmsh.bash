# bash completion for llmsh; install: llmsh completion bash > /etc/bash_completion.d/llmsh
# (or source it from ~/.bashrc). the candidates come from 'llmsh __complete', which knows the
# commands and options and asks the daemon for action names and params.
_llmsh() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<< "$line"
    [[ $line == *[[:space:]] ]] && words+=("")
    local word=${words[${#words[@]}-1]}
    local bashcur=${COMP_WORDS[COMP_CWORD]}
    # bash splits at = and :, so replies replace only what follows the last break
    local strip=${word%"$bashcur"}
    local directive="" item
    local -a lines
    mapfile -t lines < <(command "${words[0]}" --no-autostart --color=never __complete -- "${words[@]:1}" 2>/dev/null)
    COMPREPLY=()
    for item in "${lines[@]}"; do
        case $item in
            :*) directive=${item#:} ;;
            *) item=${item%%$'\t'*}; COMPREPLY+=("${item#"$strip"}") ;;
        esac
    done
    case $directive in
        files*)
            local prefix=${directive#files}
            prefix=${prefix#=}
            local file
            while IFS= read -r file; do
                [ -d "$file" ] && file+=/
                file=$prefix$file
                COMPREPLY+=("${file#"$strip"}")
            done < <(compgen -f -- "${word#"$prefix"}")
            compopt -o nospace 2>/dev/null
            ;;
        nospace) compopt -o nospace 2>/dev/null ;;
    esac
}
complete -F _llmsh llmsh
