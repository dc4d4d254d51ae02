# The agency's own wording
nav-home = Start
nav-consultations = { $count ->
    [one] Consultation
}
