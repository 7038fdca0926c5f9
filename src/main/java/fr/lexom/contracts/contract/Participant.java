package fr.lexom.contracts.contract;

/** A trainee named on the quote (Q2). */
public record Participant(long id, String firstName, String lastName, String email, int position) {

    public String fullName() {
        return firstName + " " + lastName;
    }
}
