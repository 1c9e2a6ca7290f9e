print("chatterm: not wired yet")
