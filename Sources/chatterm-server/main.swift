print("chatterm-server: not wired yet")
