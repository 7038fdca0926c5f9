package fr.lexom.contracts.privacy;

/** No client or participant has the e-mail address of a request (404 through the API). */
public class PersonalDataNotFoundException extends RuntimeException {

    public PersonalDataNotFoundException(String message) {
        super(message);
    }
}
