# fish completion for llmsh; install: llmsh completion fish > ~/.config/fish/completions/llmsh.fish
# the candidates come from 'llmsh __complete', which knows the commands and options and asks the
# daemon for action names and params.
function __llmsh_complete
    set -l tokens (commandline -opc) (commandline -ct)
    set -l program $tokens[1]
    set -e tokens[1]
    set -l current (commandline -ct)
    for item in ($program --no-autostart --color=never __complete -- $tokens 2>/dev/null)
        switch $item
            case ':files*'
                set -l prefix (string replace -r '^:files=?' '' -- $item)
                for path in (__fish_complete_path (string sub -s (math (string length -- "$prefix") + 1) -- $current))
                    echo $prefix$path
                end
            case ':*'
            case '*'
                echo $item
        end
    end
end
complete -c llmsh -f -a '(__llmsh_complete)'
