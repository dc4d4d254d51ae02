fn main() {
    std::process::exit(sablah::cli::main());
}
