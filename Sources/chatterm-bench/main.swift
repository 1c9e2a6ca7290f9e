print("chatterm-bench: not wired yet")
